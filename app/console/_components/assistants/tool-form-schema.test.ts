import { describe, expect, test } from "vitest";
import type { AssistantDto } from "@/server/schemas/assistant";
import type { AssistantToolDto } from "@/server/schemas/assistant-tools";
import { formErrorMap } from "../../_lib/form-errors";
import { assistantFormSchema, formFieldForPath, toFormValues, toPatch } from "./assistant-form-schema";
import type { AssistantFormValues } from "./assistant-form-schema";
import { newTool, toolFieldForPath, type ToolFormValues } from "./tool-form-schema";

const weather: AssistantToolDto = {
  type: "http",
  name: "get_weather",
  description: "The weather in a city",
  method: "GET",
  url: "http://127.0.0.1:8080/weather/{city}",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  headers: { "x-team": "care" },
  timeout_ms: 2_000,
  max_response_bytes: 65_536,
  secret_header_names: ["authorization"],
};

const docs: AssistantToolDto = {
  type: "mcp",
  name: "docs",
  url: "https://mcp.example.com/mcp",
  allowed_tools: ["search", "fetch"],
  headers: {},
  timeout_ms: 15_000,
  secret_header_names: [],
};

const saved: AssistantDto = {
  id: "support",
  object: "assistant",
  name: "Support",
  description: "",
  instructions: "",
  model: "gpt-oss-20b",
  fallback_models: [],
  generation: { temperature: null, top_p: null, max_output_tokens: null, reasoning_effort: "medium" },
  rag: {
    top_k: 5,
    score_threshold: 0.3,
    mode: "tool",
    refusal_message: "No.",
    chunking: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 },
  },
  sla: { avg_ms: 90_000, p95_ms: null, ttft_ms: null, control: "off", degradation: [] },
  tools: [weather, docs],
  tool_limits: { max_steps: 4, max_ms: 60_000, max_tokens: null },
  retention_days: null,
  end_user_quotas: {
    requests_per_minute: null,
    tokens_per_day: null,
    tokens_per_month: null,
    concurrent_streams: null,
    cost_per_month: null,
  },
  suggested_questions: [],
  metadata: {},
  enabled: true,
  created_at: "2026-05-01T08:00:00.000Z",
  updated_at: "2026-05-01T08:00:00.000Z",
};

const parse = (values: AssistantFormValues) =>
  assistantFormSchema("edit").safeParse(values, { error: formErrorMap });

function errorsOf(values: AssistantFormValues): Record<string, string> {
  const result = parse(values);
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

const edited = (change: (values: AssistantFormValues) => void) => {
  const values = structuredClone(toFormValues(saved));
  change(values);
  return values;
};

const patchOf = (values: AssistantFormValues) => {
  const result = parse(values);
  expect(result.error?.issues ?? []).toEqual([]);
  const { rag: _rag, ...patch } = toPatch(result.data!, saved);
  return patch;
};

const tool = (values: AssistantFormValues, index: number) => values.tools[index]!;

describe("the tools in the form", () => {
  test("read back unchanged: no change to the tools or their limits, the secrets kept", () => {
    expect(patchOf(toFormValues(saved))).toEqual({});
  });

  test("shown as text: parameters as indented JSON, timeouts in seconds, allowed tools a line each", () => {
    const [http, mcp] = toFormValues(saved).tools;
    expect(http).toMatchObject({
      type: "http",
      saved_name: "get_weather",
      parameters: JSON.stringify(weather.parameters, null, 2),
      headers: [{ key: "x-team", value: "care" }],
      secret_headers: { stored: ["authorization"], mode: "keep", rows: [] },
      timeout_s: "2",
      max_response_bytes: "65536",
    });
    expect(mcp).toMatchObject({ type: "mcp", allowed_tools: "search\nfetch", timeout_s: "15" });
    expect(toFormValues(saved).tool_limits).toEqual({ max_steps: "4", max_s: "60", max_tokens: "" });
  });

  test("an edited tool is sent without secret_headers, so the server keeps them", () => {
    const patch = patchOf(edited((v) => (tool(v, 0).url = "http://127.0.0.1:9090/weather/{city}")));
    expect(patch.tools?.[0]).toEqual({
      type: "http",
      name: "get_weather",
      description: "The weather in a city",
      method: "GET",
      url: "http://127.0.0.1:9090/weather/{city}",
      parameters: weather.parameters,
      headers: { "x-team": "care" },
      timeout_ms: 2_000,
      max_response_bytes: 65_536,
    });
    expect(patch.tools?.[1]).not.toHaveProperty("secret_headers");
  });

  test("secret headers replaced are sent in full; removed, as {}", () => {
    const replaced = patchOf(
      edited((v) => {
        tool(v, 0).secret_headers = {
          stored: ["authorization"],
          mode: "replace",
          rows: [
            { key: "authorization", value: "Bearer new" },
            { key: "", value: "" },
          ],
        };
      }),
    );
    expect(replaced.tools?.[0]?.secret_headers).toEqual({ authorization: "Bearer new" });
    const removed = patchOf(edited((v) => (tool(v, 0).secret_headers.mode = "remove")));
    expect(removed.tools?.[0]?.secret_headers).toEqual({});
  });

  test("a new tool sends what its secret rows hold, nothing being {}", () => {
    const patch = patchOf(
      edited((v) => {
        v.tools.push({ ...newTool("mcp"), name: "crm", url: "https://crm.example.com/mcp" });
      }),
    );
    expect(patch.tools?.[2]).toEqual({
      type: "mcp",
      name: "crm",
      url: "https://crm.example.com/mcp",
      allowed_tools: null,
      headers: {},
      timeout_ms: 15_000,
      secret_headers: {},
    });
  });

  test("removing a tool, or changing the limits, is a change", () => {
    const patch = patchOf(
      edited((v) => {
        v.tools.splice(1, 1);
        v.tool_limits = { max_steps: "6", max_s: "1.5", max_tokens: "2000" };
      }),
    );
    expect(patch.tools?.map((t) => t.name)).toEqual(["get_weather"]);
    expect(patch.tool_limits).toEqual({ max_steps: 6, max_ms: 1500, max_tokens: 2000 });
  });

  test("allowed tools: commas or lines; none means all", () => {
    const some = patchOf(edited((v) => (tool(v, 1).allowed_tools = " search, fetch \n\nlist ,")));
    expect(some.tools?.[1]).toMatchObject({ allowed_tools: ["search", "fetch", "list"] });
    const all = patchOf(edited((v) => (tool(v, 1).allowed_tools = " \n ")));
    expect(all.tools?.[1]).toMatchObject({ allowed_tools: null });
  });
});

describe("what the Tools section refuses, in the server's words", () => {
  test("a name, URL or number the server would refuse", () => {
    const values = edited((v) => {
      tool(v, 0).name = "get weather";
      tool(v, 0).secret_headers.mode = "remove";
      tool(v, 0).url = "ftp://example.com";
      tool(v, 0).timeout_s = "0.01";
      tool(v, 0).max_response_bytes = "";
      tool(v, 1).name = "docs.v2";
      tool(v, 1).url = "https://user:pw@mcp.example.com/";
      v.tool_limits = { max_steps: "17", max_s: "0.5", max_tokens: "0" };
    });
    expect(errorsOf(values)).toEqual({
      "tools.0.name": "a function name is 1-64 letters, digits, underscores or dashes",
      "tools.0.url": "must be an http:// or https:// URL",
      "tools.0.timeout_s": "At least 0.1",
      "tools.0.max_response_bytes": "Required",
      "tools.1.name": "a server label is 1-32 letters, digits, underscores or dashes",
      "tools.1.url": "must not hold a user name or password: send credentials as secret_headers",
      "tool_limits.max_steps": "At most 16",
      "tool_limits.max_s": "At least 1",
      "tool_limits.max_tokens": "At least 1",
    });
  });

  test("parameters that are not a JSON object", () => {
    expect(errorsOf(edited((v) => (tool(v, 0).parameters = "{ type: object }")))).toEqual({
      "tools.0.parameters": expect.stringMatching(/^Not valid JSON: /) as string,
    });
    expect(errorsOf(edited((v) => (tool(v, 0).parameters = "[1, 2]")))).toEqual({
      "tools.0.parameters": 'Enter a JSON object, such as {"type": "object"}',
    });
    // Blank means a function without arguments.
    const blank = patchOf(edited((v) => (tool(v, 0).parameters = "  ")));
    expect(blank.tools?.[0]).toMatchObject({ parameters: { type: "object", properties: {} } });
  });

  test("header rows: a bad or repeated name, a value on two lines, a secret without a value", () => {
    const values = edited((v) => {
      tool(v, 0).headers = [
        { key: "x-team", value: "care" },
        { key: "X-Team", value: "sales" },
        { key: "bad name", value: "x" },
        { key: "", value: "orphan" },
        { key: "x-note", value: "one\ntwo" },
      ];
      tool(v, 0).secret_headers = {
        stored: ["authorization"],
        mode: "replace",
        rows: [{ key: "authorization", value: "" }],
      };
    });
    expect(errorsOf(values)).toEqual({
      "tools.0.headers.1.key": "This header is already set",
      "tools.0.headers.2.key": "a header name is a token of at most 100 characters",
      "tools.0.headers.3.key": "Enter a header name",
      "tools.0.headers.4.value": "a header value is one line",
      "tools.0.secret_headers.rows.0.value": "Enter the value",
    });
  });

  test("two tools of one name; a renamed tool whose secrets would be lost", () => {
    const values = edited((v) => {
      tool(v, 1).name = "get_weather";
    });
    expect(errorsOf(values)).toEqual({ "tools.1.name": "Another tool has this name" });
    const renamed = edited((v) => (tool(v, 0).name = "weather_now"));
    expect(errorsOf(renamed)).toEqual({
      "tools.0.secret_headers":
        "The secret headers are stored under the name 'get_weather': replace or remove them",
    });
    const removed = edited((v) => {
      tool(v, 0).name = "weather_now";
      tool(v, 0).secret_headers.mode = "remove";
    });
    expect(patchOf(removed).tools?.[0]).toMatchObject({ name: "weather_now", secret_headers: {} });
  });

  test("an MCP tool name listed too long", () => {
    const values = edited((v) => (tool(v, 1).allowed_tools = `search\n${"x".repeat(129)}`));
    expect(errorsOf(values)).toEqual({
      "tools.1.allowed_tools": `'${"x".repeat(129)}': At most 128 characters`,
    });
  });

  test("at most 16 tools", () => {
    const values = edited((v) => {
      v.tools = Array.from({ length: 17 }, (_, n): ToolFormValues => ({
        ...newTool("http"),
        name: `tool_${n}`,
        url: "http://127.0.0.1/",
      }));
    });
    expect(errorsOf(values)).toEqual({ tools: "At most 16 items" });
  });
});

describe("server paths of the tools", () => {
  test("land on the form's fields, in the form's units", () => {
    expect(formFieldForPath("patch.tools.2.timeout_ms")).toBe("tools.2.timeout_s");
    expect(formFieldForPath("patch.tools.0.url")).toBe("tools.0.url");
    expect(formFieldForPath("tools.1.headers.x-team")).toBe("tools.1.headers.root");
    expect(formFieldForPath("tools.1.secret_headers")).toBe("tools.1.secret_headers");
    expect(formFieldForPath("patch.tools")).toBe("tools.root");
    expect(formFieldForPath("patch.tool_limits.max_ms")).toBe("tool_limits.max_s");
    expect(toolFieldForPath("tools.0.type")).toBeUndefined();
  });
});
