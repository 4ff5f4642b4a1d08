// Assistants that use tools, against the production server and the vLLM simulator (which calls a
// tool named in the question, then answers from its result): tools saved through the admin API
// (validated, secrets write-only), run by Hearth for /ask, /stream and the OpenAI-compatible API
// alike, on a real HTTP API and a real MCP server the spec starts on loopback.
import { z } from "zod";
import { startHttpServer, startMcpServer, type LoopbackServer } from "../../server/test/loopback-servers";
import { expect, expectApiError, test } from "../fixtures";
import { sessionDetail, type AskResponse } from "../support/runtime-api";
import { postForStream, readSse } from "../support/sse";

interface ToolRun {
  id: string;
  name: string;
  kind: string;
  arguments: string;
  ok: boolean;
  summary: string;
  result: string;
  duration_ms: number;
  step: number;
}

let weather: LoopbackServer;
let calc: LoopbackServer;

test.beforeAll(async () => {
  weather = await startHttpServer((request, response) => {
    const city = decodeURIComponent(request.url!.split("/")[2] ?? "");
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ city, sky: "sunny" }));
  });
  calc = await startMcpServer((server) => {
    server.registerTool(
      "add",
      { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() } },
      ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
    );
  });
});

test.afterAll(async () => {
  await Promise.all([weather.close(), calc.close()]);
});

const weatherTool = () => ({
  type: "http",
  name: "get_weather",
  description: "The weather in a city",
  method: "GET",
  url: `${weather.origin}/weather/{city}`,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  secret_headers: { authorization: "Bearer e2e-weather-secret" },
});

test.describe("an assistant's own tools", () => {
  test("saved with write-only secrets, and run by Hearth for /ask with the result in the answer", async ({
    api,
    baseURL,
    uniqueId,
  }) => {
    const id = uniqueId("tools");
    const created = await api.post("/admin/assistants", {
      data: { id, instructions: "Answer briefly.", tools: [weatherTool()], tool_limits: { max_steps: 3 } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const assistant = (await created.json()) as { tools: object[]; tool_limits: object };
    expect(assistant.tools).toEqual([
      expect.objectContaining({
        type: "http",
        name: "get_weather",
        timeout_ms: 10_000,
        max_response_bytes: 65_536,
        headers: {},
        secret_header_names: ["authorization"],
      }),
    ]);
    expect(JSON.stringify(assistant)).not.toContain("e2e-weather-secret");
    expect(assistant.tool_limits).toEqual({ max_steps: 3, max_ms: 60_000, max_tokens: null });

    const before = weather.seen.length;
    const asked = await api.post(`${baseURL}/assistants/${id}/ask`, {
      data: { message: "Use get_weather with city=Lyon." },
    });
    expect(asked.status(), await asked.text()).toBe(200);
    const answer = (await asked.json()) as AskResponse & { tool_runs: ToolRun[] };
    expect(answer.answer).toContain('using get_weather: {"city":"Lyon","sky":"sunny"}');
    expect(answer.tool_runs).toEqual([
      expect.objectContaining({ name: "get_weather", kind: "http", ok: true, step: 1 }),
    ]);
    const seen = weather.seen.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.authorization).toBe("Bearer e2e-weather-secret");

    const session = await sessionDetail(api, id, answer.session_id);
    expect((session.messages[1] as { tool_runs?: ToolRun[] }).tool_runs).toEqual(answer.tool_runs);
  });

  test("the stream tells of each call; the OpenAI-compatible API gets only the final answer", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = uniqueId("tools-stream");
    const created = await api.post("/admin/assistants", { data: { id, tools: [weatherTool()] } });
    expect(created.status(), await created.text()).toBe(201);

    const response = await postForStream(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Use get_weather with city=Paris.",
    });
    expect(response.status).toBe(200);
    const events: { type: string; [key: string]: unknown }[] = [];
    for await (const item of readSse(response.body!)) {
      if (item.kind === "event") events.push(JSON.parse(item.data) as (typeof events)[number]);
    }
    const types = events.map((event) => event.type);
    expect(types).not.toContain("tool_call.delta");
    const started = events.find((event) => event.type === "tool_call.started");
    const completed = events.find((event) => event.type === "tool_call.completed");
    expect(started).toMatchObject({ name: "get_weather", kind: "http", arguments: '{"city":"Paris"}' });
    expect(completed).toMatchObject({ name: "get_weather", ok: true, id: started!.id });
    expect(types.indexOf("tool_call.completed")).toBeLessThan(types.lastIndexOf("output_text.delta"));
    expect(types.at(-1)).toBe("response.completed");

    const completion = await api.post(`${baseURL}/v1/chat/completions`, {
      data: { model: id, messages: [{ role: "user", content: "Use get_weather with city=Rome." }] },
    });
    expect(completion.status(), await completion.text()).toBe(200);
    const body = (await completion.json()) as {
      choices: { finish_reason: string; message: { content: string; tool_calls?: unknown } }[];
    };
    expect(body.choices[0]!.finish_reason).toBe("stop");
    expect(body.choices[0]!.message.tool_calls).toBeUndefined();
    expect(body.choices[0]!.message.content).toContain('"city":"Rome"');
  });

  test("an MCP server's allowed tools, through the official SDK", async ({ api, baseURL, uniqueId }) => {
    const id = uniqueId("tools-mcp");
    const created = await api.post("/admin/assistants", {
      data: {
        id,
        tools: [{ type: "mcp", name: "calc", url: `${calc.origin}/mcp`, allowed_tools: ["add"] }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const asked = await api.post(`${baseURL}/assistants/${id}/ask`, {
      data: { message: "Use calc__add with a=20 and b=22." },
    });
    const answer = (await asked.json()) as AskResponse & { tool_runs: ToolRun[] };
    expect(answer.tool_runs).toEqual([
      expect.objectContaining({ name: "calc__add", kind: "mcp", ok: true, result: "42" }),
    ]);
    expect(answer.answer).toContain("using calc__add: 42");
  });

  test("tool definitions are validated, and each error names its field", async ({ api, uniqueId }) => {
    const refusal = async (tools: unknown) => {
      const response = await api.post("/admin/assistants", { data: { id: uniqueId("tools-bad"), tools } });
      return JSON.stringify((await expectApiError(response, 400, "INVALID_INPUT")).error);
    };

    expect(await refusal([weatherTool(), weatherTool()])).toMatch(/unique/);
    expect(await refusal([{ ...weatherTool(), url: "http://user:pw@127.0.0.1/weather" }])).toMatch(
      /tools\.0\.url.*user name or password/,
    );
    expect(await refusal([{ ...weatherTool(), method: "TRACE" }])).toMatch(/tools\.0\.method/);
    expect(await refusal([{ ...weatherTool(), name: "get weather" }])).toMatch(/tools\.0\.name/);
    expect(await refusal([{ type: "mcp", name: "calc", url: "ftp://example.com/mcp" }])).toMatch(
      /tools\.0\.url/,
    );
    expect(await refusal([{ ...weatherTool(), command: "rm -rf /" }])).toMatch(/command/);
  });

  test("HTTP tools imported from an OpenAPI document run as written", async ({ api, baseURL, uniqueId }) => {
    const document = [
      "openapi: 3.1.0",
      "info: { title: Weather, version: '1' }",
      `servers: [{ url: '${weather.origin}' }]`,
      "paths:",
      "  /weather/{city}:",
      "    get:",
      "      operationId: get_weather",
      "      summary: The weather in a city",
      "      parameters: [{ name: city, in: path, required: true, schema: { type: string } }]",
      "      responses: { '200': { description: The weather } }",
    ].join("\n");
    const imported = await api.post("/admin/tools/import-openapi", { data: { document } });
    expect(imported.status(), await imported.text()).toBe(200);
    const { data, skipped } = (await imported.json()) as { data: object[]; skipped: object[] };
    expect(skipped).toEqual([]);
    expect(data).toEqual([
      expect.objectContaining({
        name: "get_weather",
        method: "GET",
        url: `${weather.origin}/weather/{city}`,
      }),
    ]);

    const id = uniqueId("tools-openapi");
    const created = await api.post("/admin/assistants", { data: { id, tools: data } });
    expect(created.status(), await created.text()).toBe(201);
    const asked = await api.post(`${baseURL}/assistants/${id}/ask`, {
      data: { message: "Use get_weather with city=Oslo." },
    });
    expect(((await asked.json()) as AskResponse).answer).toContain('"city":"Oslo"');

    const bad = await api.post("/admin/tools/import-openapi", { data: { document: "swagger: '2.0'" } });
    expect((await expectApiError(bad, 400, "INVALID_INPUT")).error.message).toMatch(/OpenAPI 3\.0 and 3\.1/);
  });
});
