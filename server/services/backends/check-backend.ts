// "Test connection" for a backend being set up: `GET {base_url}/models` under the same rules as a
// saved backend (the URL's shape, the host allowlist at save and at connect time, no redirects),
// with the key typed or, for an existing backend, the one it keeps. Says what it serves, or why not,
// in an operator's words; never echoes the key.
import { request } from "undici";
import { env } from "../../env";
import { notFound } from "../../errors";
import type { BackendCheckDto, CheckBackendInput } from "../../schemas/backend";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { getDb } from "../../db/client";
import { probeAgent } from "../gateway/backend-connector";
import { apiKeyRefusal, backendApiKey } from "../gateway/engine-cache";
import { describeConnectionFailure } from "../gateway/health/probe-backend";
import { assertBaseUrlAllowed } from "./validate-backend";

/** A model list larger than this is not a model list. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_MODELS = 200;
/** A person is waiting for the answer: longer than a probe, short enough to wait for. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * The key to send: the one typed, else the backend's own, only to the URL it was saved with (a
 * stored key never follows a backend to another URL, as on update).
 */
async function keyFor(input: CheckBackendInput): Promise<string | null> {
  if (input.api_key) return input.api_key;
  if (!input.backend_id) return null;
  const row = await getDb().backend.findUnique({ where: { id: input.backend_id } });
  if (!row) throw notFound("Backend", input.backend_id);
  if (row.baseUrl !== input.base_url || apiKeyRefusal(row)) return null;
  return backendApiKey(row);
}

async function boundedText(body: AsyncIterable<Buffer>): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function modelIdsOf(text: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  const ids = data.flatMap((entry) => {
    const id = (entry as { id?: unknown } | null)?.id;
    return typeof id === "string" && id.length > 0 && id.length <= 200 ? [id] : [];
  });
  return [...new Set(ids)].slice(0, MAX_MODELS);
}

const failed = (error: string, latencyMs: number | null = null): BackendCheckDto => ({
  object: "backend.check",
  ok: false,
  latency_ms: latencyMs,
  models: [],
  error,
});

export async function checkBackend(actor: Actor, input: CheckBackendInput): Promise<BackendCheckDto> {
  authorize(actor, "backends:manage");
  await assertBaseUrlAllowed(input.base_url);
  const key = await keyFor(input);
  const started = performance.now();
  try {
    const response = await request(`${input.base_url.replace(/\/+$/, "")}/models`, {
      method: "GET",
      headers: { accept: "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      dispatcher: probeAgent(),
      signal: AbortSignal.timeout(Math.max(env.HEARTH_HEALTH_TIMEOUT_MS, CHECK_TIMEOUT_MS)),
    });
    const latencyMs = Math.round(performance.now() - started);
    if (response.statusCode >= 300) {
      await response.body.dump();
      const hint = response.statusCode === 401 || response.statusCode === 403 ? " (check the API key)" : "";
      return failed(`GET /models answered ${response.statusCode}${hint}`, latencyMs);
    }
    const text = await boundedText(response.body);
    const models = text === null ? null : modelIdsOf(text);
    if (models === null) return failed("GET /models did not answer with an OpenAI model list", latencyMs);
    return { object: "backend.check", ok: true, latency_ms: latencyMs, models, error: null };
  } catch (error) {
    return failed(describeConnectionFailure(error));
  }
}
