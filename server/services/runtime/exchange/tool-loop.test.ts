// Which calls of a step Hearth runs (tool-loop.ts): its own and unknown ones, whatever finish reason
// the backend gave; the caller's go back to it; a step cut by the token limit runs nothing; at the
// final step, and past the per-step cap, calls are recorded as not run. What the final step sends.
import { describe, expect, test } from "vitest";
import type { ToolCall } from "../../gateway/engines/engine";
import type { Toolbox } from "../../tools/toolbox";
import { testState } from "../../../test/exchange";
import { forwardedFor, serverCallsOf } from "./tool-loop";

const call = (id: string, name: string): ToolCall => ({
  id,
  type: "function",
  function: { name, arguments: "{}" },
});

function withToolbox(calls: ToolCall[], callerFunctions: string[] = []) {
  const state = testState();
  const own = new Set(["get_weather"]);
  state.toolbox = {
    functions: [{ name: "get_weather", description: "", parameters: {} }],
    unavailable: [],
    has: (name) => own.has(name),
    kindOf: () => "http",
    run: () => Promise.reject(new Error("not in this test")),
    close: () => Promise.resolve(),
  } satisfies Toolbox;
  state.callerFunctions = new Set(callerFunctions);
  state.toolCalls = calls;
  state.finishReason = "tool_calls";
  return state;
}

describe("serverCallsOf", () => {
  test("runs its own calls and calls of functions nobody offered, even when the backend says stop", () => {
    const state = withToolbox([call("a", "get_weather"), call("b", "browser_search")]);
    state.finishReason = "stop";
    expect(serverCallsOf(state)?.map((c) => c.id)).toEqual(["a", "b"]);
  });

  test("a step that calls the caller's function returns that call and records Hearth's as not run", () => {
    const state = withToolbox([call("a", "get_weather"), call("b", "get_time")], ["get_time"]);
    expect(serverCallsOf(state)).toBeNull();
    expect(state.toolCalls.map((c) => c.id)).toEqual(["b"]);
    expect(state.finishReason).toBe("tool_calls");
    expect(state.toolRuns).toEqual([
      expect.objectContaining({
        id: "a",
        ok: false,
        summary: "not run: the caller's functions were called too",
      }),
    ]);
  });

  test("a step cut by the token limit runs nothing", () => {
    const state = withToolbox([call("a", "get_weather")]);
    state.finishReason = "length";
    expect(serverCallsOf(state)).toBeNull();
    expect(state.toolRuns).toEqual([]);
  });

  test("at the final step nothing runs, and the answer ends as stop", () => {
    const state = withToolbox([call("a", "get_weather")]);
    state.finalStep = true;
    expect(serverCallsOf(state)).toBeNull();
    expect(state.finishReason).toBe("stop");
    expect(state.toolRuns[0]).toMatchObject({ summary: "not run: the tool loop's limit was reached" });
  });

  test("at most 8 calls run in one step; the rest are recorded as not run", () => {
    const calls = Array.from({ length: 10 }, (_, i) => call(`c${i}`, "get_weather"));
    const state = withToolbox(calls);
    expect(serverCallsOf(state)).toHaveLength(8);
    expect(state.toolRuns.map((run) => run.summary)).toEqual([
      "not run: too many calls in one step",
      "not run: too many calls in one step",
    ]);
  });
});

describe("forwardedFor", () => {
  test("offers the assistant's functions beside the caller's, and none of them at the final step", () => {
    const state = withToolbox([]);
    expect(forwardedFor(state)?.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "", parameters: {} } },
    ]);
    state.finalStep = true;
    expect(forwardedFor(state)).toBeNull();
  });
});
