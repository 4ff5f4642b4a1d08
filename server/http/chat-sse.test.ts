// The /stream endpoint's frames: numbered from 1, the event type as the SSE event, and data that
// parses back to the event with its sequence number, whatever the text holds.
import { describe, expect, test } from "vitest";
import type { ChatEvent } from "../services/chat/chat-events";
import { chatEventEncoder } from "./chat-sse";

function parseFrame(text: string) {
  expect(text.endsWith("\n\n")).toBe(true);
  const lines = text.slice(0, -2).split("\n");
  const field = (name: string) =>
    lines.filter((line) => line.startsWith(`${name}: `)).map((line) => line.slice(name.length + 2));
  return {
    id: field("id")[0],
    event: field("event")[0],
    data: JSON.parse(field("data").join("\n")) as unknown,
  };
}

describe("chatEventEncoder", () => {
  test("deltas of any text parse back to the event, numbered in order", () => {
    const encode = chatEventEncoder();
    const texts = ['say "hi"\n\nthen \\ leave', "emoji 🦙 and \u2028 separators", "</script>", ""];
    const events: ChatEvent[] = [
      {
        type: "response.created",
        session_id: "sess_1",
        message_id: "msg_1",
        question_id: "msg_0",
        model: "gpt-oss-20b",
      },
      ...texts.map((delta): ChatEvent => ({ type: "reasoning.delta", delta })),
      ...texts.map((delta): ChatEvent => ({ type: "output_text.delta", delta })),
    ];

    const frames = events.map((event) => parseFrame(encode(event)));

    frames.forEach((frame, i) => {
      expect(frame.id).toBe(String(i + 1));
      expect(frame.event).toBe(events[i]!.type);
      expect(frame.data).toEqual({ ...events[i], sequence_number: i + 1 });
    });
  });

  test("each stream numbers its own events", () => {
    const first = chatEventEncoder();
    const second = chatEventEncoder();
    first({ type: "output_text.delta", delta: "a" });

    expect(parseFrame(second({ type: "output_text.delta", delta: "b" })).id).toBe("1");
    expect(parseFrame(first({ type: "output_text.delta", delta: "c" })).id).toBe("2");
  });
});
