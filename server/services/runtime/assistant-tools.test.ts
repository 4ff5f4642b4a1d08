// The assistant's own tools, run by Hearth in a bounded loop against the vLLM simulator (which
// calls a tool named in the question, then answers from its result): an HTTP operation on a real
// loopback server, an MCP server made with the official SDK, and knowledge search as a tool. What
// the stream says (started/completed, never the call's fragments), what is stored and answered,
// and the failures a tool loop must survive: a failing tool, a server that is down, a refused
// host, the loop's bounds, an engine that cannot run tools.
import { lookup } from "node:dns/promises";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { getDb } from "../../db/client";
import { createKeyActor, master } from "../../test/actors";
import { OPENAI_BASE_URL, routeFetch } from "../../test/openai-route-fetch";
import {
  collectEvents,
  createChatAssistant,
  registerSimulatorBackend,
  simulatorForFile,
} from "../../test/chat";
import { HANDBOOK_MD, uploadAndIngest } from "../../test/knowledge";
import { rejectionOf } from "../../test/rejection";
import { startHttpServer, startMcpServer, type LoopbackServer } from "../../test/loopback-servers";
import type { AssistantToolInput } from "../../schemas/assistant-tools";
import { getAssistant } from "../assistants/get-assistant";
import { updateAssistant } from "../assistants/update-assistant";
import type { ChatEvent } from "../chat/chat-events";
import { prepareExchange } from "../chat/prepare-exchange";
import { deleteBackend } from "../backends/delete-backend";
import { getSession } from "../sessions/get-session";
import { setHostResolver } from "../gateway/backend-connector";
import { renderMetrics } from "../observability/metrics";
import { readTelemetry } from "../telemetry/read-telemetry";
import { authenticateWidget } from "../widget/authenticate-widget";
import { openWidget } from "../widget/open-widget";
import { prepareWidgetExchange } from "../widget/prepare-widget-exchange";
import { startWidgetSession } from "../widget/start-widget-session";
import { updateWidget } from "../widget/update-widget";
import { toVisitorEvent } from "../widget/visitor-view";
import { askAssistant } from "./ask-assistant";
import { runExchange } from "./exchange/run-exchange";

const simulator = simulatorForFile();
const servers: LoopbackServer[] = [];
let weather: LoopbackServer;

const ask = (message: string) =>
  askAssistant(master, "support", { message, reasoning: false }, new AbortController().signal);

async function stream(message: string): Promise<ChatEvent[]> {
  const prepared = await prepareExchange(master, "support", { message });
  return collectEvents(
    runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
  );
}

function weatherTool(overrides: Partial<AssistantToolInput & { type: "http" }> = {}): AssistantToolInput {
  return {
    type: "http",
    name: "get_weather",
    description: "The weather in a city",
    method: "GET",
    url: `${weather.origin}/weather/{city}`,
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    headers: { "x-team": "care" },
    secret_headers: { authorization: "Bearer weather-secret" },
    timeout_ms: 2_000,
    max_response_bytes: 65_536,
    ...overrides,
  };
}

const setTools = (tools: AssistantToolInput[], limits = {}) =>
  updateAssistant(master, "support", { tools, tool_limits: limits });

beforeEach(async () => {
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
  weather = await startHttpServer((request, response) => {
    if (request.url?.startsWith("/weather/Oslo")) {
      response.writeHead(500, { "content-type": "text/plain" }).end("the weather station is down");
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ city: decodeURIComponent(request.url!.split("/")[2]!), sky: "sunny" }));
  });
  servers.push(weather);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("an HTTP tool", () => {
  test("the model calls it, Hearth runs it with its secret, and the answer uses the result", async () => {
    await setTools([weatherTool()]);
    const response = await ask("Use get_weather with city=Paris, please.");

    expect(response.answer).toContain('using get_weather: {"city":"Paris","sky":"sunny"}');
    expect(response.finish_reason).toBe("stop");
    expect(response.tool_runs).toEqual([
      expect.objectContaining({
        name: "get_weather",
        kind: "http",
        arguments: JSON.stringify({ city: "Paris" }),
        ok: true,
        result: '{"city":"Paris","sky":"sunny"}',
        step: 1,
      }),
    ]);
    expect(response.tool_runs![0]!.summary).toContain("→ 200");
    // Both steps' tokens are counted.
    expect(response.usage.completion_tokens).toBeGreaterThan(0);

    const [request] = weather.seen;
    expect(request).toMatchObject({ method: "GET", url: "/weather/Paris" });
    expect(request!.headers).toMatchObject({ authorization: "Bearer weather-secret", "x-team": "care" });

    // The transcript keeps the run on the answer.
    const session = await getSession(master, "support", response.session_id);
    expect(session.messages[1]!.tool_runs).toEqual(response.tool_runs);
    expect(session.messages[1]!.tool_calls).toBeUndefined();
  });

  test("the stream tells of each call with started and completed, never with the call's fragments", async () => {
    await setTools([weatherTool()]);
    const events = await stream("Use get_weather with city=Paris.");
    const types = events.map((event) => event.type);

    expect(types).not.toContain("tool_call.delta");
    const started = types.indexOf("tool_call.started");
    const completed = types.indexOf("tool_call.completed");
    expect(started).toBeGreaterThan(types.indexOf("rag.completed"));
    expect(completed).toBeGreaterThan(started);
    expect(types.indexOf("output_text.delta", completed)).toBeGreaterThan(completed);
    expect(types.at(-1)).toBe("response.completed");
    expect(events[started]).toMatchObject({ name: "get_weather", kind: "http", step: 1 });
    expect(events[completed]).toMatchObject({ name: "get_weather", ok: true, step: 1 });
    expect(events[completed]).not.toHaveProperty("result");
  });

  test("a failing tool is reported to the model and recorded, and the answer still comes", async () => {
    await setTools([weatherTool()]);
    const response = await ask("Use get_weather with city=Oslo.");

    expect(response.tool_runs![0]).toMatchObject({ ok: false, name: "get_weather" });
    expect(response.tool_runs![0]!.result).toContain("the weather station is down");
    expect(response.answer).toContain("using get_weather:");

    // Telemetry counts the answer, its call and the failure; the metrics too.
    await ask("Use get_weather with city=Paris.");
    const telemetry = await readTelemetry(master);
    const windows = telemetry.assistants.find((assistant) => assistant.assistant_id === "support")!.windows;
    expect(windows["1m"].tools).toEqual({ answers: 2, calls: 2, failed: 1 });
    const metrics = (await renderMetrics()).body;
    expect(metrics).toMatch(
      /hearth_tool_calls_total\{assistant="support",kind="http",outcome="error"\} [1-9]/,
    );
  });

  test("a tool that does not answer in time is a failed call, not a hung answer", async () => {
    const silent = await startHttpServer(() => undefined);
    servers.push(silent);
    await setTools([weatherTool({ url: `${silent.origin}/weather/{city}`, timeout_ms: 300 })]);
    const response = await ask("Use get_weather with city=Paris.");

    expect(response.tool_runs![0]).toMatchObject({ ok: false });
    expect(response.tool_runs![0]!.summary).toContain("timed out after 300 ms");
  });

  test("a question cancelled while its tool runs ends there, recorded as cancelled", async () => {
    const silent = await startHttpServer(() => undefined);
    servers.push(silent);
    await setTools([weatherTool({ url: `${silent.origin}/weather/{city}`, timeout_ms: 120_000 })]);
    const prepared = await prepareExchange(master, "support", {
      message: "Use get_weather with city=Paris.",
    });
    const controller = new AbortController();
    const types: string[] = [];
    for await (const event of runExchange(prepared, { signal: controller.signal, includeReasoning: false })) {
      types.push(event.type);
      if (event.type === "tool_call.started") controller.abort();
    }
    expect(types).toContain("tool_call.started");
    expect(types).not.toContain("tool_call.completed");
    expect(types).not.toContain("response.completed");
    const answer = await getDb().message.findUniqueOrThrow({ where: { id: prepared.answerMessageId } });
    expect(answer.status).toBe("cancelled");
  });

  test("the backends' outbound-address policy applies: a name resolving to a metadata address is refused", async () => {
    setHostResolver(async (hostname) =>
      hostname === "weather.example"
        ? [{ address: "169.254.169.254", family: 4 }]
        : lookup(hostname, { all: true }),
    );
    try {
      await setTools([weatherTool({ url: "http://weather.example/weather/{city}" })]);
      const response = await ask("Use get_weather with city=Paris.");

      expect(response.tool_runs![0]).toMatchObject({ ok: false });
      expect(response.tool_runs![0]!.summary).toContain("refused");
      expect(response.tool_runs![0]!.result).toContain("169.254.169.254");
      expect(response.answer).toContain("using get_weather:");
    } finally {
      setHostResolver(null);
    }
  });
});

describe("the loop's bounds", () => {
  test("at max_steps the model must answer: with one step it is never offered a tool", async () => {
    await setTools([weatherTool()], { max_steps: 1 });
    const response = await ask("Use get_weather with city=Paris.");

    expect(response.tool_runs).toBeUndefined();
    expect(weather.seen).toHaveLength(0);
    expect(response.finish_reason).toBe("stop");
    expect(response.answer).not.toBe("");
  });

  test("once max_tokens are spent, the next step answers without tools", async () => {
    await setTools([weatherTool()], { max_tokens: 1 });
    const response = await ask("Use get_weather with city=Paris.");

    expect(response.tool_runs).toHaveLength(1);
    expect(response.answer).toContain("using get_weather:");
  });
});

describe("an MCP server", () => {
  test("its allowed tools are offered as <label>__<tool>, and a call runs on the server", async () => {
    const mcp = await startMcpServer((server) => {
      server.registerTool(
        "add",
        { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() } },
        ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
      );
      server.registerTool("drop_tables", { description: "Not for the model" }, () => ({
        content: [{ type: "text", text: "dropped" }],
      }));
    });
    servers.push(mcp);
    await setTools([
      {
        type: "mcp",
        name: "calc",
        url: `${mcp.origin}/mcp`,
        allowed_tools: ["add"],
        headers: {},
        secret_headers: { "x-api-key": "mcp-secret" },
        timeout_ms: 2_000,
      },
    ]);

    const response = await ask("Use calc__add with a=2 and b=3.");
    expect(response.tool_runs).toEqual([
      expect.objectContaining({ name: "calc__add", kind: "mcp", ok: true, result: "5" }),
    ]);
    expect(response.answer).toContain("using calc__add: 5");
    expect(mcp.seen.every((request) => request.headers["x-api-key"] === "mcp-secret")).toBe(true);

    // A tool outside the allowlist is not offered: the model cannot call it.
    const refused = await ask("Use calc__drop_tables now.");
    expect(refused.tool_runs).toBeUndefined();
  });

  test("a server that is down leaves its tools out and the question is answered", async () => {
    const gone = await startHttpServer(() => undefined);
    await gone.close();
    await setTools([
      {
        type: "mcp",
        name: "calc",
        url: `${gone.origin}/mcp`,
        allowed_tools: null,
        headers: {},
        timeout_ms: 1_000,
      },
      weatherTool(),
    ]);
    const response = await ask("Use calc__add with a=1 and b=1, then get_weather with city=Paris.");

    expect(response.tool_runs?.map((run) => run.name)).toEqual(["get_weather"]);
    expect(response.answer).toContain("using get_weather:");
  });
});

describe("knowledge search as a tool (rag.mode: tool)", () => {
  beforeEach(async () => {
    await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    await updateAssistant(master, "support", { rag: { mode: "tool" } });
  });

  test("nothing is searched up front; the model's search brings passages and citations", async () => {
    const response = await ask('Use search_knowledge with query="paid holiday days".');

    expect(response.rag.decision).toBe("tool");
    expect(response.rag.passages).toBeGreaterThan(0);
    expect(response.citations.length).toBe(response.rag.passages);
    expect(response.citations[0]!.filename).toBe("handbook.md");
    const [run] = response.tool_runs!;
    expect(run).toMatchObject({ name: "search_knowledge", kind: "knowledge", ok: true });
    expect(run!.summary).toContain("handbook.md");
    // The results are fenced and numbered like up-front passages.
    expect(run!.result).toMatch(/^<knowledge-[0-9a-f]{24}>\n<source id="1" file="handbook.md"/);
  });

  test("a question the model answers without searching has no citations", async () => {
    const response = await ask("Say hello.");
    expect(response.rag).toMatchObject({ decision: "tool", passages: 0, top_score: null });
    expect(response.citations).toEqual([]);
    expect(response.tool_runs).toBeUndefined();
  });

  test("without a model backend the knowledge is searched up front instead", async () => {
    const backends = await getDb().backend.findMany();
    for (const backend of backends) await deleteBackend(master, backend.id);
    const response = await ask("How many days of paid holiday does an employee get?");
    expect(response.rag.decision).toBe("injected");
    expect(response.answer).toContain("27 days");
  });
});

describe("keeping tools", () => {
  test("secret headers are write-only, stored sealed, and kept by an update that omits them", async () => {
    const saved = await setTools([weatherTool()]);
    expect(saved.tools[0]).toMatchObject({ name: "get_weather", secret_header_names: ["authorization"] });
    expect(JSON.stringify(saved)).not.toContain("weather-secret");
    const row = await getDb().assistant.findUniqueOrThrow({ where: { id: "support" } });
    expect(JSON.stringify(row.tools)).not.toContain("weather-secret");

    const { secret_headers: _secrets, ...withoutSecrets } = weatherTool({ description: "Weather, now" });
    await setTools([withoutSecrets]);
    const again = await getAssistant(master, "support");
    expect(again.tools[0]).toMatchObject({
      description: "Weather, now",
      secret_header_names: ["authorization"],
    });
    await ask("Use get_weather with city=Paris.");
    expect(weather.seen[0]!.headers.authorization).toBe("Bearer weather-secret");
  });

  test("secrets never follow a tool to another URL, and never show in what a call gave", async () => {
    await setTools([weatherTool()]);
    const { secret_headers: _secrets, ...moved } = weatherTool({ url: "http://10.9.9.9/weather/{city}" });
    const refused = await rejectionOf(setTools([moved as AssistantToolInput]));
    expect(refused).toMatchObject({ code: "INVALID_INPUT" });
    expect(refused.message).toMatch(/tools\.0\.secret_headers: the URL of 'get_weather' changed/);

    const echo = await startHttpServer((request, response) => {
      response.writeHead(401, { "content-type": "text/plain" });
      response.end(
        `refused: ${request.headers.authorization} (token ${request.headers.authorization?.slice(7)})`,
      );
    });
    servers.push(echo);
    await setTools([weatherTool({ url: `${echo.origin}/weather/{city}` })]);
    const response = await ask("Use get_weather with city=Paris.");
    const [run] = response.tool_runs!;
    expect(run!.result).toContain("refused: [secret] (token [secret])");
    expect(JSON.stringify(response)).not.toContain("weather-secret");
  });

  test("a caller's function may not take the name of one of the assistant's tools", async () => {
    await setTools([weatherTool()]);
    const prepared = await prepareExchange(master, "support", {
      message: "hi",
      forwarded: { tools: [{ type: "function", function: { name: "get_weather" } }] },
    });
    const events = await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "INVALID_INPUT" } });
    expect(JSON.stringify(events.at(-1))).toContain("get_weather");
  });
});

describe("in the widget", () => {
  const SITE = "https://shop.example.com";

  async function widgetCaller() {
    const page = await openWidget("support", `${SITE}/help`, "10.0.0.7");
    if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
    return authenticateWidget("support", {
      token: page.token,
      origin: "http://localhost:3000",
      host: "localhost:3000",
    });
  }

  test("a visitor sees a line per call as the setting allows, and a resumed conversation keeps it", async () => {
    await setTools([weatherTool()]);
    await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE] });
    const caller = await widgetCaller();
    const opened = await startWidgetSession(caller, { clientAddress: "10.0.0.7" });
    const prepared = await prepareWidgetExchange(caller, {
      message: "Use get_weather with city=Paris.",
      clientAddress: "10.0.0.7",
    });
    const events = await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );
    const shown = events.flatMap((event) => {
      const visitor = toVisitorEvent(event, caller.widget, "req_1");
      return visitor?.type === "tool" ? [visitor] : [];
    });
    // Titles only by default: never the arguments, the result or the summary.
    expect(shown).toEqual([
      { type: "tool", id: expect.any(String) as string, title: "get weather", status: "running" },
      { type: "tool", id: shown[0]!.id, title: "get weather", status: "done" },
    ]);

    await updateWidget(master, "support", { tool_activity: "summaries" });
    const reloaded = await widgetCaller();
    const resumed = await startWidgetSession(reloaded, {
      clientAddress: "10.0.0.7",
      resumeToken: opened.token,
    });
    const [, answer] = resumed.messages;
    expect(answer!.tools).toEqual([
      {
        id: shown[0]!.id,
        title: "get weather",
        status: "done",
        summary: expect.stringContaining("→ 200") as string,
      },
    ]);

    await updateWidget(master, "support", { tool_activity: "off" });
    const hidden = await startWidgetSession(await widgetCaller(), {
      clientAddress: "10.0.0.7",
      resumeToken: opened.token,
    });
    expect(hidden.messages[1]!.tools).toEqual([]);
  });
});

describe("through the OpenAI-compatible API (the official SDK)", () => {
  const client = async () =>
    new OpenAI({
      baseURL: OPENAI_BASE_URL,
      apiKey: (await createKeyActor("runtime", ["support"])).secret,
      fetch: routeFetch,
      maxRetries: 0,
    });

  test("the assistant's own tools run inside one completion: the caller gets the answer", async () => {
    await setTools([weatherTool()]);
    const completion = await (
      await client()
    ).chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "Use get_weather with city=Paris." }],
    });
    const [choice] = completion.choices;
    expect(choice!.finish_reason).toBe("stop");
    expect(choice!.message.tool_calls).toBeUndefined();
    expect(choice!.message.content).toContain('using get_weather: {"city":"Paris","sky":"sunny"}');
  });

  test("a step calling the caller's function too ends the loop: the caller's call goes back, ours is not run", async () => {
    await setTools([weatherTool()]);
    const stream = await (
      await client()
    ).chat.completions.create({
      model: "support",
      stream: true,
      messages: [{ role: "user", content: "Use get_weather with city=Paris and get_time with zone=CET." }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_time",
            parameters: { type: "object", properties: { zone: { type: "string" } } },
          },
        },
      ],
    });
    const names: string[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? [])
        if (call.function?.name) names.push(call.function.name);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(names).toEqual(["get_time"]);
    expect(finish).toBe("tool_calls");
    expect(weather.seen).toHaveLength(0);
    const [answer] = await getDb().message.findMany({ where: { role: "assistant" } });
    expect(answer!.toolRuns).toEqual([
      expect.objectContaining({
        name: "get_weather",
        ok: false,
        summary: "not run: the caller's functions were called too",
      }),
    ]);
  });
});
