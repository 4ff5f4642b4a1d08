// Active health probes. An OpenAI-compatible backend is asked for `/health` at its origin (vLLM,
// llama.cpp's server and TGI have it; where it is missing, `GET /v1/models` stands in), then for
// vLLM's `/metrics` (load: running and waiting requests, KV-cache use), and, when the backend asks
// for it, a one-token generation. An in-process GGUF backend is healthy when its model is loaded.
// Every probe is bounded by the probe timeout; the reason of a failure names what failed, never a
// secret. Probes of backends added in the console or the API connect under the host allowlist
// (the same checked connector as their engine), and no probe follows a redirect.
import { request, type Dispatcher } from "undici";
import type { Backend } from "../../../db/client";
import { probeAgent } from "../backend-connector";
import { isSetByDeployer } from "../deployer-backends";
import {
  apiKeyRefusal,
  backendApiKey,
  connectableBaseUrl,
  engineFor,
  storedBaseUrlRefusal,
} from "../engine-cache";
import type { BackendLoad, ProbeResult } from "./backend-health";
import { parseVllmLoad } from "./vllm-load";

/** The server's origin path from an OpenAI base URL: `http://h:8000/v1` → `http://h:8000`. */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** A failed connection in an operator's words: refused, reset, not found, timed out, or the allowlist's refusal. */
export function describeConnectionFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    if (error.name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT") return "no answer in time";
    if (code === "ECONNREFUSED") return "connection refused";
    if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "connection reset";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
    if (code === "HEARTH_HOST_REFUSED") return error.message;
    return code ? `${code}` : error.message;
  }
  return String(error);
}

async function httpGet(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  dispatcher: Dispatcher | undefined,
): Promise<{ status: number; text: () => Promise<string> }> {
  const response = await request(url, { method: "GET", headers, signal, dispatcher });
  return {
    status: response.statusCode,
    text: () => response.body.text(),
  };
}

async function drain(response: { text: () => Promise<string> }): Promise<void> {
  await response.text().catch(() => undefined);
}

async function probeOpenAiCompatible(backend: Backend, signal: AbortSignal): Promise<BackendLoad | null> {
  if (!backend.baseUrl) throw new Error("no base URL");
  const refusal = storedBaseUrlRefusal(backend) ?? apiKeyRefusal(backend);
  if (refusal) throw new Error(refusal);
  const baseUrl = connectableBaseUrl(backend.baseUrl);
  const dispatcher = isSetByDeployer(backend) ? undefined : probeAgent();
  const apiKey = backendApiKey(backend);
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const root = serverRoot(baseUrl);

  const health = await httpGet(`${root}/health`, headers, signal, dispatcher);
  await drain(health);
  if (health.status === 404 || health.status === 405) {
    const models = await httpGet(`${baseUrl.replace(/\/+$/, "")}/models`, headers, signal, dispatcher);
    await drain(models);
    if (models.status >= 300) throw new Error(`/v1/models answered ${models.status}`);
  } else if (health.status >= 300) {
    throw new Error(`/health answered ${health.status}`);
  }

  let load: BackendLoad | null = null;
  const metrics = await httpGet(`${root}/metrics`, headers, signal, dispatcher).catch(() => null);
  if (metrics && metrics.status === 200) load = parseVllmLoad(await metrics.text());
  else if (metrics) await drain(metrics);

  if (backend.probeGeneration) {
    const response = await request(`${baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({
        model: backend.models[0],
        messages: [{ role: "user", content: "ping" }],
        max_tokens: 1,
        stream: false,
      }),
      signal,
      dispatcher,
    });
    await response.body.text().catch(() => undefined);
    if (response.statusCode >= 300) throw new Error(`a one-token generation answered ${response.statusCode}`);
  }
  return load;
}

export async function probeBackend(backend: Backend, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    if (backend.kind === "llama_cpp") {
      // Loading a GGUF can outlast the probe; the load goes on, and a later probe sees it done.
      await new Promise<void>((resolve, reject) => {
        signal.addEventListener("abort", () => reject(new Error("the model is still loading")), {
          once: true,
        });
        engineFor(backend).then(() => resolve(), reject);
      });
      return { ok: true, latencyMs: performance.now() - started, load: null };
    }
    const load = await probeOpenAiCompatible(backend, signal);
    return { ok: true, latencyMs: performance.now() - started, load };
  } catch (error) {
    const reason =
      signal.aborted && backend.kind !== "llama_cpp"
        ? `no answer within ${timeoutMs} ms`
        : describeConnectionFailure(error);
    return { ok: false, latencyMs: performance.now() - started, reason };
  }
}
