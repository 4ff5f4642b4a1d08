// Traces end to end: the real SDK and OTLP exporter, started the way instrumentation.ts starts them,
// send to a real OTLP/HTTP receiver on a loopback port; REST handlers are called in-process. With
// OTEL_EXPORTER_OTLP_ENDPOINT unset nothing is loaded. Spans come back through OTLP/JSON, which
// the receiver can read; the default protobuf protocol is checked on the wire.
import { EventEmitter } from "node:events";
import { trace } from "@opentelemetry/api";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as streamRoute from "@/app/assistants/[assistant_id]/stream/route";
import { GET as versionRoute } from "@/app/version/route";
import { parseEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import {
  createChatAssistant,
  readSseUntil,
  registerSimulatorBackend,
  simulatorForFile,
} from "@/server/test/chat";
import { HANDBOOK_MD, stageFile } from "@/server/test/knowledge";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "@/server/test/otlp-receiver";
import { callRoute } from "@/server/test/rest";
import { uploadFiles } from "../services/knowledge/files/upload-files";
import { runIngestionUntilIdle } from "../services/knowledge/ingestion/ingestion-worker";
import {
  flushBeforeExit,
  startTracing,
  stopTracing,
  type Tracing,
} from "../services/observability/start-tracing";
import { activeTraceIds, traceGenerator, withSpan } from "../services/observability/tracing";
import { versionEndpoint } from "./endpoints/system";
import { handle } from "./handle";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT_ID = "00f067aa0ba902b7";
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;
const SPAN_KIND_SERVER = 2;
const STATUS_ERROR = 2;

const simulator = simulatorForFile();

describe("with OTEL_EXPORTER_OTLP_ENDPOINT unset", () => {
  test("no SDK or exporter is loaded, spans are no-ops, and requests are answered as before", async () => {
    const loaded: string[] = [];
    for (const name of [
      "@opentelemetry/sdk-trace-node",
      "@opentelemetry/exporter-trace-otlp-proto",
      "@opentelemetry/exporter-trace-otlp-http",
    ]) {
      vi.doMock(name, () => {
        loaded.push(name);
        return {};
      });
    }
    try {
      expect(await startTracing(parseEnv({}), null)).toBeNull();
    } finally {
      vi.doUnmock("@opentelemetry/sdk-trace-node");
      vi.doUnmock("@opentelemetry/exporter-trace-otlp-proto");
      vi.doUnmock("@opentelemetry/exporter-trace-otlp-http");
    }
    expect(loaded).toEqual([]);
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);

    let ids: ReturnType<typeof activeTraceIds> | undefined;
    const route = handle(versionEndpoint, () => {
      ids = activeTraceIds();
      return { name: "hearth" as const, version: "0", commit: null, build_time: null, node: "v20" };
    });
    const response = await callRoute(route, { path: "/version", headers: { traceparent: TRACEPARENT } });
    expect(response.status).toBe(200);
    expect(ids).toEqual({});
    expect(response.headers.get("traceparent")).toBeNull();
  });
});

describe("with OTEL_EXPORTER_OTLP_ENDPOINT set (OTLP/JSON)", () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const env = parseEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_HEADERS: "x-collector-token=s3cr%20t",
    });
    const started = await startTracing(env, null);
    if (!started) throw new Error("tracing did not start");
    tracing = started;
  });

  afterAll(async () => {
    await stopTracing();
    await receiver.close();
  });

  async function exported(): Promise<ReceivedSpan[]> {
    await tracing.forceFlush();
    return receiver.spans();
  }

  async function exportedSpan(match: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan> {
    const span = (await exported()).find(match);
    if (!span) throw new Error("no such span was exported");
    return span;
  }

  test("a REST request is one server span named after its route, with the request id it returned", async () => {
    const response = await callRoute(versionRoute, { path: "/version" });
    expect(response.status).toBe(200);
    const requestId = response.headers.get("x-request-id");
    const span = await exportedSpan((span) => span.attributes["hearth.request_id"] === requestId);
    expect(span).toMatchObject({
      name: "GET /version",
      kind: SPAN_KIND_SERVER,
      parentSpanId: undefined,
      attributes: {
        "http.request.method": "GET",
        "http.route": "/version",
        "http.response.status_code": 200,
      },
      resource: { "service.name": "hearth", "service.version": expect.any(String) as unknown },
    });
    expect(span.status.code ?? 0).toBe(0);
    expect(receiver.requests[0]).toMatchObject({ path: "/v1/traces", contentType: "application/json" });
    expect(receiver.requests[0]!.headers["x-collector-token"]).toBe("s3cr t");
    // The client gets nothing new.
    expect(response.headers.get("traceparent")).toBeNull();
    expect(response.headers.get("traceresponse")).toBeNull();
  });

  test("an incoming W3C traceparent is continued", async () => {
    const response = await callRoute(versionRoute, {
      path: "/version",
      headers: { traceparent: TRACEPARENT, "x-request-id": "trace-propagation-1" },
    });
    expect(response.headers.get("x-request-id")).toBe("trace-propagation-1");
    const span = await exportedSpan((span) => span.attributes["hearth.request_id"] === "trace-propagation-1");
    expect(span.traceId).toBe(TRACE_ID);
    expect(span.parentSpanId).toBe(PARENT_ID);
    expect(span.kind).toBe(SPAN_KIND_SERVER);
  });

  test("a 5xx marks the span failed; log lines written meanwhile carry its trace and span ids", async () => {
    let ids: ReturnType<typeof activeTraceIds> = {};
    const failing = handle(versionEndpoint, () => {
      ids = activeTraceIds();
      throw new Error("boom");
    });
    const response = await callRoute(failing, { path: "/version" });
    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id");
    const span = await exportedSpan((span) => span.attributes["hearth.request_id"] === requestId);
    expect(span.status.code).toBe(STATUS_ERROR);
    expect(span.attributes).toMatchObject({ "http.response.status_code": 500, "error.type": "500" });
    expect(ids).toEqual({ trace_id: span.traceId, span_id: span.spanId });
  });

  describe("a streamed answer", () => {
    let runtime: Record<string, string>;

    beforeEach(async () => {
      await registerSimulatorBackend(simulator());
      await createChatAssistant("support");
      runtime = bearer((await createKeyActor("runtime", ["support"])).secret);
    });

    test("its span ends with the stream, and the exchange's spans are its children", async () => {
      const response = await streamRoute.POST(
        new Request("http://localhost/assistants/support/stream", {
          method: "POST",
          headers: {
            ...runtime,
            "content-type": "application/json",
            traceparent: TRACEPARENT,
          },
          body: JSON.stringify({ message: "Hello" }),
        }),
        { params: Promise.resolve({ assistant_id: "support" }) },
      );
      expect(response.status).toBe(200);
      const requestId = response.headers.get("x-request-id");
      const { text, ended } = await readSseUntil(response.body!);
      expect(ended).toBe(true);
      expect(text).toContain("event: response.completed");

      const spans = await exported();
      const request = spans.find((span) => span.attributes["hearth.request_id"] === requestId);
      expect(request).toMatchObject({
        name: "POST /assistants/{assistant_id}/stream",
        kind: SPAN_KIND_SERVER,
        traceId: TRACE_ID,
        parentSpanId: PARENT_ID,
        attributes: { "http.route": "/assistants/{assistant_id}/stream", "http.response.status_code": 200 },
      });
      const exchange = spans.find(
        (span) => span.name === "chat.exchange" && span.parentSpanId === request!.spanId,
      );
      expect(exchange).toMatchObject({
        traceId: TRACE_ID,
        attributes: { "hearth.assistant.id": "support", "hearth.outcome": "completed" },
      });
      const childrenOfExchange = (name: string) =>
        spans.find((span) => span.name === name && span.parentSpanId === exchange!.spanId);
      expect(childrenOfExchange("chat.admission")).toBeDefined();
      const retrieval = childrenOfExchange("knowledge.retrieve");
      expect(retrieval).toMatchObject({
        traceId: TRACE_ID,
        attributes: { "hearth.assistant.id": "support", "hearth.rag.decision": "forwarded" },
      });
      const generation = childrenOfExchange("chat gpt-oss-20b");
      expect(generation?.attributes).toMatchObject({
        "gen_ai.operation.name": "chat",
        "hearth.attempt": 1,
        "gen_ai.response.model": "gpt-oss-20b",
      });
      expect(generation?.attributes["gen_ai.usage.output_tokens"]).toBeGreaterThan(0);
      expect(generation?.attributes["hearth.ttft_ms"]).toBeGreaterThanOrEqual(0);
      // Retrieval comes before the answer streams: the request span outlasts it.
      expect(request!.endNs).toBeGreaterThanOrEqual(retrieval!.endNs);
    });
  });

  test("an ingestion job is a trace of its own: parse, embed and index under knowledge.ingest", async () => {
    await createChatAssistant("support");
    const [file] = await uploadFiles(master, "support", {
      files: [await stageFile("handbook.md", HANDBOOK_MD)],
      fields: {},
    });
    await runIngestionUntilIdle();
    const spans = await exported();
    const job = spans.find(
      (span) => span.name === "knowledge.ingest" && span.attributes["hearth.file.id"] === file!.id,
    );
    expect(job).toMatchObject({ parentSpanId: undefined, attributes: { "hearth.file.format": "markdown" } });
    const stages = spans.filter((span) => span.parentSpanId === job!.spanId).map((span) => span.name);
    expect(stages).toEqual(["knowledge.parse", "knowledge.embed", "knowledge.index"]);
  });

  test("helpers: a traced generator parents the spans it starts and ends when its consumer stops", async () => {
    async function* answer() {
      yield await withSpan("step", { n: 1 }, () => 1);
      yield await withSpan("step", { n: 2 }, () => 2);
      yield 3; // never reached: the consumer stops first
    }
    for await (const value of traceGenerator("relay", { "hearth.test": "generator" }, answer())) {
      if (value === 2) break;
    }
    await expect(
      withSpan("failing", {}, () => Promise.reject(new AppError("NOT_FOUND", "gone"))),
    ).rejects.toThrow("gone");
    const spans = await exported();
    const relay = spans.find((span) => span.attributes["hearth.test"] === "generator");
    const steps = spans.filter((span) => span.name === "step" && span.parentSpanId === relay?.spanId);
    expect(steps.map((span) => span.attributes.n)).toEqual([1, 2]);
    const failing = spans.find((span) => span.name === "failing");
    expect(failing).toMatchObject({
      status: { code: STATUS_ERROR, message: "gone" },
      attributes: { "error.type": "NOT_FOUND" },
    });
  });

  // Last in this block: it shuts the provider down.
  test("on SIGTERM, spans that end while requests drain are exported before the process exits", async () => {
    const exit = vi.fn((_code?: number) => receiver.spans().map((span) => span.name));
    const proc = Object.assign(new EventEmitter(), { exit });
    proc.on("SIGTERM", () => undefined); // Next.js's own handler, which drains and then exits
    flushBeforeExit(tracing, proc);

    proc.emit("SIGTERM");
    trace.getTracer("test").startSpan("drained request").end();
    proc.exit(143);
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(143));
    expect(exit.mock.results[0]!.value).toContain("drained request");
  });

  test("without another handler for the signal, the flush exits the process itself", async () => {
    const shutdown = vi.fn(() => Promise.resolve());
    const exit = vi.fn();
    // The stand-in process has no other listener, so ours exits it.
    const proc = Object.assign(new EventEmitter(), { exit });
    flushBeforeExit({ shutdown }, proc);
    proc.emit("SIGINT");
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(130));
    expect(shutdown).toHaveBeenCalledTimes(1);
  });
});

describe("with the default protocol (OTLP/HTTP protobuf)", () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });

  afterAll(async () => {
    await stopTracing();
    await receiver.close();
  });

  test("spans are posted as protobuf to <endpoint>/v1/traces", async () => {
    const tracing = await startTracing(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/` }), null);
    await callRoute(versionRoute, { path: "/version", headers: { traceparent: TRACEPARENT } });
    await tracing!.forceFlush();
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ path: "/v1/traces", contentType: "application/x-protobuf" });
    // Protobuf carries strings as UTF-8 and ids as raw bytes.
    expect(request!.body.includes(Buffer.from("GET /version"))).toBe(true);
    expect(request!.body.includes(Buffer.from(TRACE_ID, "hex"))).toBe(true);
    expect(request!.body.includes(Buffer.from("hearth"))).toBe(true);
  });
});
