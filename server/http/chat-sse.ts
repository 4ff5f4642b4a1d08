// Encodes an exchange's events as the /stream endpoint's Server-Sent Events: the SSE `event` is the
// type, the `id` and `sequence_number` count from 1. The deltas, one per token or so, are written
// from a template rather than through an object spread and a JSON.stringify of it.
import type { ChatEvent } from "../services/chat/chat-events";
import { encodeFrame } from "./sse-response";

/** A fresh encoder per stream (it numbers that stream's events). */
export function chatEventEncoder(): (event: ChatEvent) => string {
  let sequence = 0;
  return (event) => {
    sequence += 1;
    if (event.type === "output_text.delta" || event.type === "reasoning.delta") {
      return (
        `id: ${sequence}\nevent: ${event.type}\n` +
        `data: {"type":"${event.type}","delta":${JSON.stringify(event.delta)},"sequence_number":${sequence}}\n\n`
      );
    }
    return encodeFrame({
      id: sequence,
      event: event.type,
      data: JSON.stringify({ ...event, sequence_number: sequence }),
    });
  };
}
