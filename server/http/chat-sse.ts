// Adapts an exchange's events to the /stream endpoint's Server-Sent Events: the SSE `event` is the
// type, the `id` and `sequence_number` count from 1.
import type { ChatEvent } from "../services/chat/chat-events";
import type { SseFrame } from "./sse-response";

export async function* chatEventFrames(events: AsyncIterable<ChatEvent>): AsyncGenerator<SseFrame> {
  let sequence = 0;
  for await (const event of events) {
    sequence += 1;
    yield { id: sequence, event: event.type, data: JSON.stringify({ ...event, sequence_number: sequence }) };
  }
}
