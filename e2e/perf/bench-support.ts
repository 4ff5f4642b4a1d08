// Shared by the benchmarks in e2e/perf: a pooled HTTP agent, a production Hearth started on a
// fresh data directory, a stream reader that times the first token, and percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent, fetch } from "undici";

export const MASTER_KEY = "bench-master-key-0123456789abcdefghijklmnop";
export const agent = new Agent({ keepAliveTimeout: 30_000, connections: 512 });

export interface Sample {
  ttftMs: number;
  totalMs: number;
  /** Hearth's own view of the time to first token (timings.ttft_ms), when it reports one. */
  serverTtftMs?: number;
}

/** POSTs and reads the streamed answer to its end, timing the first line `isToken` accepts. */
export async function firstTokenOf(
  url: string,
  init: { headers: Record<string, string>; body: string },
  isToken: (line: string) => boolean,
): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: init.headers,
    body: init.body,
    dispatcher: agent,
  });
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  let ttftMs = -1;
  let buffer = "";
  let all = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    const text = decoder.decode(chunk as Uint8Array, { stream: true });
    all += text;
    buffer += text;
    if (ttftMs < 0 && buffer.split("\n").some(isToken)) ttftMs = performance.now() - started;
    buffer = buffer.slice(buffer.lastIndexOf("\n") + 1);
  }
  if (ttftMs < 0) throw new Error(`${url}: no token received:\n${all.slice(0, 2000)}`);
  if (all.includes("event: error"))
    throw new Error(`${url}: the stream ended with an error:\n${all.slice(-1000)}`);
  const serverTtft = /"ttft_ms":(\d+)/.exec(all)?.[1];
  return {
    ttftMs,
    totalMs: performance.now() - started,
    serverTtftMs: serverTtft ? Number(serverTtft) : undefined,
  };
}

/** One streamed answer straight from a simulator (no Hearth), timed to its first token. */
export function streamDirect(simUrl: string): Promise<Sample> {
  return firstTokenOf(
    `${simUrl}/v1/chat/completions`,
    {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "gpt-oss-20b",
        stream: true,
        messages: [{ role: "user", content: "How many users can one GPU serve?" }],
      }),
    },
    (line) => line.startsWith("data: {") && /"(content|reasoning_content)":"[^"]/.test(line),
  );
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { dispatcher: agent })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** A production Hearth (`next build` must have run) on a fresh data directory. */
export async function startHearth(
  extraEnv: Record<string, string>,
): Promise<{ url: string; stop: () => void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-bench-"));
  const port = 3300 + Math.floor(Math.random() * 500);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HEARTH_DATA_DIR: dataDir,
      HEARTH_MASTER_KEY: MASTER_KEY,
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/health`, 120_000);
  return {
    url,
    stop: () => {
      child.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls Hearth's admin API with the master key; throws on an error status. */
export async function adminCall(
  hearthUrl: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${hearthUrl}${route}`, {
    method,
    dispatcher: agent,
    headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
