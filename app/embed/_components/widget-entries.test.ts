import { describe, expect, test } from "vitest";
import type { VisitorEvent } from "@/server/schemas/widget";
import {
  applyVisitorEvent,
  failedEntry,
  isRateable,
  newExchange,
  transcriptEntry,
  visitorErrorText,
  type WidgetEntry,
} from "./widget-entries";

const [question, answer] = newExchange("What do you sell?", 1_700_000_000_000);
const apply = (entry: WidgetEntry, event: VisitorEvent) => applyVisitorEvent(entry, event, "Referenz");
const fold = (events: VisitorEvent[]) => events.reduce(apply, answer);
const manual = { title: "Manual.pdf", location: "page 3", passage: "We sell tea." };

describe("newExchange", () => {
  test("the question is complete at once; the answer waits for its stream", () => {
    expect(question).toEqual({
      id: "question-1700000000000",
      role: "user",
      content: "What do you sell?",
      sources: [],
      status: "completed",
    });
    expect(answer).toMatchObject({ role: "assistant", content: "", sources: [], status: "in_progress" });
    expect(answer.id).not.toBe(question.id);
  });
});

describe("rating", () => {
  test("an answer is rateable once the stream names its message and it is finished", () => {
    const announced = fold([{ type: "response.created", message_id: "msg_9" }]);
    expect(announced.messageId).toBe("msg_9");
    expect(isRateable(answer)).toBe(false);
    expect(isRateable(announced)).toBe(false);
    expect(isRateable({ ...announced, status: "completed" })).toBe(true);
    expect(isRateable({ ...announced, status: "failed" })).toBe(true);
    expect(isRateable({ ...question, messageId: "msg_8" })).toBe(false);
  });

  test("a resumed answer is rateable by its id and keeps the visitor's rating", () => {
    const entry = transcriptEntry({
      id: "msg_3",
      role: "assistant",
      content: "Tea.",
      status: "completed",
      sources: [],
      tools: [],
      rating: "down",
    });
    expect(entry).toMatchObject({ messageId: "msg_3", rating: "down" });
    expect(isRateable(entry)).toBe(true);
  });
});

describe("applyVisitorEvent", () => {
  test("deltas append in order, and the answer stays in progress until it completes", () => {
    const entry = fold([
      { type: "response.created", message_id: "msg_1" },
      { type: "output_text.delta", delta: "We sell " },
      { type: "output_text.delta", delta: "tea." },
    ]);
    expect(entry.content).toBe("We sell tea.");
    expect(entry.status).toBe("in_progress");
    expect(entry.error).toBeUndefined();
  });

  test("sources arrive before the text and are shown with it", () => {
    const entry = fold([
      { type: "sources", sources: [manual] },
      { type: "output_text.delta", delta: "Tea." },
    ]);
    expect(entry.sources).toEqual([manual]);
    expect(entry.content).toBe("Tea.");
  });

  test("completion replaces the streamed text and sources with the final ones", () => {
    const entry = fold([
      { type: "sources", sources: [manual] },
      { type: "output_text.delta", delta: "partial" },
      { type: "response.completed", answer: "We sell tea and coffee.", sources: [] },
    ]);
    expect(entry).toMatchObject({ content: "We sell tea and coffee.", sources: [], status: "completed" });
  });

  test("an error fails the answer with the visitor's message and the reference", () => {
    const entry = fold([
      { type: "output_text.delta", delta: "We sell" },
      {
        type: "error",
        error: { code: "UNAVAILABLE", message: "The assistant is busy.", reference: "req_42" },
      },
    ]);
    expect(entry.status).toBe("failed");
    expect(entry.error).toBe("The assistant is busy. (Referenz: req_42)");
    // What arrived before the failure stays readable.
    expect(entry.content).toBe("We sell");
  });

  test("a line per tool call: running, then done or failed, with a summary when one is sent", () => {
    const running = fold([
      { type: "tool", id: "call_1", title: "get weather", status: "running" },
      { type: "tool", id: "call_2", title: "Searching the knowledge files", status: "running" },
    ]);
    expect(running.tools).toEqual([
      { id: "call_1", title: "get weather", status: "running" },
      { id: "call_2", title: "Searching the knowledge files", status: "running" },
    ]);
    const settled = [
      { type: "tool", id: "call_2", title: "Searching the knowledge files", status: "failed" },
      { type: "tool", id: "call_1", title: "get weather", status: "done", summary: "GET → 200, 40 B" },
      { type: "output_text.delta", delta: "Sunny." },
    ] satisfies VisitorEvent[];
    const entry = settled.reduce(apply, running);
    // In the order they started, each updated in place.
    expect(entry.tools).toEqual([
      { id: "call_1", title: "get weather", status: "done", summary: "GET → 200, 40 B" },
      { id: "call_2", title: "Searching the knowledge files", status: "failed" },
    ]);
    expect(entry).toMatchObject({ content: "Sunny.", status: "in_progress" });
    // The final answer keeps the lines.
    const completed = apply(entry, { type: "response.completed", answer: "Sunny.", sources: [] });
    expect(completed.tools).toEqual(entry.tools);
  });

  test("response.created only names the stored answer (what the visitor rates)", () => {
    expect(apply(answer, { type: "response.created", message_id: "msg_1" })).toEqual({
      ...answer,
      messageId: "msg_1",
    });
  });

  test("the entry it is given is never changed", () => {
    const before = structuredClone(answer);
    fold([
      { type: "sources", sources: [manual] },
      { type: "output_text.delta", delta: "x" },
      { type: "response.completed", answer: "y", sources: [manual] },
    ]);
    expect(answer).toEqual(before);
  });
});

describe("visitorErrorText", () => {
  test("without a reference, the message alone", () => {
    expect(visitorErrorText({ message: "The chat is not available.", reference: "" }, "Reference")).toBe(
      "The chat is not available.",
    );
  });

  test("with a reference, under the widget language's label", () => {
    expect(visitorErrorText({ message: "Leider…", reference: "req_1" }, "Referenz")).toBe(
      "Leider… (Referenz: req_1)",
    );
  });
});

describe("failedEntry", () => {
  test("marks a failed request (no stream) with the text given", () => {
    expect(failedEntry(answer, "Network down")).toMatchObject({ status: "failed", error: "Network down" });
  });
});
