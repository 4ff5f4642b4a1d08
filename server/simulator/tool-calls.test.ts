import { describe, expect, it } from "vitest";
import { SimulatorHttpError } from "./http-util";
import {
  ARGUMENT_FRAGMENT_CHARS,
  buildArguments,
  chooseToolCalls,
  effectiveToolChoice,
  toolCallFragments,
  toolCallTokenCount,
  toolResultAnswer,
  valueInText,
  type Tool,
  type ToolRequest,
} from "./tool-calls";

const weather: Tool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer" },
      },
      required: ["city"],
    },
  },
};
const time: Tool = { type: "function", function: { name: "get_time" } };
const tools = [weather, time];
const user = (content: string) => [{ role: "user", content }];

function names(request: ToolRequest): string[] {
  return chooseToolCalls(request).map((call) => call.name);
}

describe("choosing tool calls", () => {
  it("calls every tool the last user message names, in the order of tools", () => {
    expect(names({ messages: user("get_time then get_weather"), tools })).toEqual([
      "get_weather",
      "get_time",
    ]);
    expect(names({ messages: user("call get_time"), tools })).toEqual(["get_time"]);
  });

  it("matches names case-sensitively and answers in text under auto when none is named", () => {
    expect(names({ messages: user("GET_TIME please"), tools })).toEqual([]);
    expect(names({ messages: user("hello"), tools, tool_choice: "auto" })).toEqual([]);
  });

  it("calls only the first named tool without parallel tool calls", () => {
    const request = { messages: user("get_time get_weather"), tools, parallel_tool_calls: false };
    expect(names(request)).toEqual(["get_weather"]);
  });

  it("calls the first tool under required when none is named", () => {
    expect(names({ messages: user("hello"), tools, tool_choice: "required" })).toEqual(["get_weather"]);
    expect(names({ messages: user("get_time"), tools, tool_choice: "required" })).toEqual(["get_time"]);
  });

  it("calls the function a named tool_choice names, whatever the text says", () => {
    const choice = { type: "function" as const, function: { name: "get_time" } };
    expect(names({ messages: user("get_weather"), tools, tool_choice: choice })).toEqual(["get_time"]);
  });

  it("calls nothing under none, without tools, or when the last message is not the user's", () => {
    expect(names({ messages: user("get_time"), tools, tool_choice: "none" })).toEqual([]);
    expect(names({ messages: user("get_time") })).toEqual([]);
    const afterResult = [...user("get_time"), { role: "tool", content: "12:00", tool_call_id: "x" }];
    expect(names({ messages: afterResult, tools, tool_choice: "required" })).toEqual([]);
  });

  it("gives each call a vLLM-style id", () => {
    const [a, b] = chooseToolCalls({ messages: user("get_time get_weather"), tools });
    expect(a!.id).toMatch(/^chatcmpl-tool-[0-9a-f]{32}$/);
    expect(b!.id).not.toBe(a!.id);
  });

  it("refuses a tool_choice that does not fit the tools, as vLLM does", () => {
    const refused = (request: ToolRequest) => {
      try {
        effectiveToolChoice(request);
      } catch (error) {
        return error instanceof SimulatorHttpError ? `${error.status} ${error.message}` : "other";
      }
      return "accepted";
    };
    const named = { function: { name: "nope" } };
    expect(refused({ messages: [], tools, tool_choice: named })).toMatch(/^400 The tool specified/);
    expect(refused({ messages: [], tool_choice: "auto" })).toBe(
      "400 When using `tool_choice`, `tools` must be set.",
    );
    expect(refused({ messages: [], tool_choice: "required" })).toMatch(/^400 /);
    expect(refused({ messages: [], tool_choice: "none" })).toBe("accepted");
    expect(effectiveToolChoice({ messages: [], tools: [], tool_choice: "required" })).toBe("none");
    expect(effectiveToolChoice({ messages: [], tools })).toBe("auto");
  });
});

describe("building arguments", () => {
  const parameters = weather.function.parameters;

  it("takes values from prop=value and prop: value, typed by the schema", () => {
    expect(buildArguments(parameters, "get_weather city=Paris, unit: fahrenheit days=3.")).toEqual({
      city: "Paris",
      unit: "fahrenheit",
      days: 3,
    });
  });

  it("falls back to a default by type, an enum's first value", () => {
    expect(buildArguments(parameters, "get_weather")).toEqual({ city: "example", unit: "celsius", days: 1 });
    const all = {
      properties: {
        s: { type: "string" },
        n: { type: "number" },
        b: { type: "boolean" },
        a: { type: "array", items: { type: "string" } },
        o: { type: "object" },
        e: { enum: [7, 8] },
        maybe: { type: ["integer", "null"] },
      },
      required: ["extra"],
    };
    expect(buildArguments(all, "")).toEqual({
      s: "example",
      n: 1,
      b: true,
      a: [],
      o: {},
      e: 7,
      maybe: 1,
      extra: "example",
    });
  });

  it("converts numbers, booleans and JSON when they parse, else keeps the text", () => {
    const schema = {
      properties: {
        n: { type: "number" },
        i: { type: "integer" },
        b: { type: "boolean" },
        a: { type: "array" },
      },
    };
    expect(buildArguments(schema, "n=2.5 i=4 b=FALSE a=[1,2]")).toEqual({
      n: 2.5,
      i: 4,
      b: false,
      a: [1, 2],
    });
    expect(buildArguments(schema, "n=lots i=2.5 b=maybe a=x")).toEqual({
      n: "lots",
      i: "2.5",
      b: "maybe",
      a: "x",
    });
  });

  it("reads quoted values whole and strips trailing punctuation from bare ones", () => {
    expect(valueInText('city="New York" please', "city")).toBe("New York");
    expect(valueInText("where? city: Oslo!?", "city")).toBe("Oslo");
    expect(valueInText("velocity=3", "city")).toBeUndefined();
    expect(valueInText("city=...", "city")).toBeUndefined();
  });

  it("gives a function without parameters empty arguments", () => {
    const [call] = chooseToolCalls({ messages: user("get_time"), tools });
    expect(call!.arguments).toBe("{}");
  });
});

describe("spreading calls over tokens", () => {
  it("yields the header at a call's first token and its arguments in order by its last", () => {
    const calls = chooseToolCalls({ messages: user("get_weather city=Paris get_time"), tools });
    const byToken = toolCallFragments(calls);
    expect(byToken).toHaveLength(calls.reduce((sum, call) => sum + toolCallTokenCount(call), 0));
    const first = toolCallTokenCount(calls[0]!);
    expect(byToken[0]![0]).toEqual({ index: 0, id: calls[0]!.id, name: "get_weather", arguments: "" });
    expect(byToken[first]![0]).toMatchObject({ index: 1, name: "get_time", arguments: "" });
    expect(byToken[first - 1]!.at(-1)!.index).toBe(0);
    for (const [index, call] of calls.entries()) {
      const pieces = byToken.flat().filter((f) => f.index === index && f.id === undefined);
      expect(pieces.every((piece) => piece.arguments.length <= ARGUMENT_FRAGMENT_CHARS)).toBe(true);
      expect(pieces.map((piece) => piece.arguments).join("")).toBe(call.arguments);
    }
  });

  it("puts several fragments on one token when a call is shorter in tokens than in pieces", () => {
    const byToken = toolCallFragments([{ id: "id", name: "f", arguments: "{}" }]);
    expect(byToken).toEqual([
      [
        { index: 0, id: "id", name: "f", arguments: "" },
        { index: 0, arguments: "{}" },
      ],
    ]);
  });
});

describe("answering after tool results", () => {
  const call = (id: string, name: string) => ({ id, type: "function", function: { name, arguments: "{}" } });
  const answer = (messages: ToolRequest["messages"], words: number) => {
    const tokenAt = toolResultAnswer(messages);
    return tokenAt && Array.from({ length: words }, (_, i) => tokenAt(i)).join("");
  };

  it("names each tool through its tool_call_id and echoes its result", () => {
    const messages = [
      ...user("get_weather and get_time"),
      { role: "assistant", content: null, tool_calls: [call("a", "get_weather"), call("b", "get_time")] },
      { role: "tool", tool_call_id: "a", content: "Sunny, 21 C" },
      { role: "tool", tool_call_id: "b", content: [{ type: "text", text: "12:00" }] },
    ];
    expect(answer(messages, 14)).toBe(
      "Simulated answer using get_weather: Sunny, 21 C and using get_time: 12:00 This is simulated",
    );
  });

  it("is the usual answer unless the last message is a tool result", () => {
    expect(toolResultAnswer(user("hi"))).toBeUndefined();
    expect(answer([{ role: "tool", tool_call_id: "zz", content: "42" }], 5)).toBe(
      "Simulated answer using tool: 42",
    );
  });
});
