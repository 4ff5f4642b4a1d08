// Shared by the benchmarks in e2e/perf: a pooled HTTP agent, a production Hearth started on a
// fresh data directory, a stream reader that times the first token, percentiles, and the one
// output format every benchmark prints in (printHeader, printTable, progress below).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent, fetch } from "undici";
import { freePort } from "../../server/test/free-port";
import { launcherPath } from "../support/launcher";

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

/** A production Hearth (`npm run build` must have run) on a fresh data directory, as deployed. */
export async function startHearth(
  extraEnv: Record<string, string>,
): Promise<{ url: string; pid: number; stop: () => void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hearth-bench-"));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [launcherPath()], {
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
    pid: child.pid!,
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

/** The vLLM simulator in a child process (its CPU apart from the benchmark's), with CLI flags. */
export async function startSimulatorProcess(
  args: string[],
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(import.meta.dirname, "../../server/cli/vllm-simulator.ts"),
      "--port",
      "0",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  for await (const data of child.stdout) {
    output += String(data);
    const url = /Listening on (\S+)/.exec(output)?.[1];
    if (url) {
      child.stdout.resume();
      return {
        url,
        pid: child.pid!,
        async stop() {
          child.kill("SIGTERM");
          if (child.exitCode === null) await once(child, "exit");
        },
      };
    }
  }
  throw new Error(`The simulator did not start:\n${output}`);
}

/** The processes under `pid` (Linux /proc), with their command lines. */
export function descendants(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number) => {
    for (const task of readdirSync(`/proc/${parent}/task`)) {
      const children = readFileSync(`/proc/${parent}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ").map(Number) : []) {
        const command = readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll("\0", " ");
        found.push({ pid: child, command });
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc, 10 ms ticks). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}

// The output format. Results go to stdout as aligned tables under a title, one column per figure
// with its unit in the column's name; progress goes to stderr, so stdout holds only results. With
// BENCH_JSON=<file>, the same header and tables are also written there as one JSON object, for
// comparing runs with a script.

export type Cell = number | string | null;

interface PrintedTable {
  title: string;
  columns: string[];
  rows: Cell[][];
}

const printed: { bench: string; settings: Record<string, string | number>; tables: PrintedTable[] } = {
  bench: "",
  settings: {},
  tables: [],
};

function writeJson() {
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(printed)}\n`);
}

/** Three significant figures or so; integers as they are; "-" for a missing or undefined figure. */
export function formatCell(value: Cell): string {
  if (value === null) return "-";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "-";
  if (Number.isInteger(value)) return String(value);
  const size = Math.abs(value);
  return value.toFixed(size >= 100 ? 0 : size >= 10 ? 1 : 2);
}

/** The benchmark's name, what it measures, and the settings of this run. */
export function printHeader(bench: string, about: string, settings: Record<string, string | number>) {
  printed.bench = bench;
  printed.settings = settings;
  console.log(`${bench}: ${about}`);
  for (const [key, value] of Object.entries(settings)) console.log(`  ${key}: ${value}`);
  writeJson();
}

/** A table: numbers right-aligned, text left-aligned, columns two spaces apart. */
export function printTable(title: string, columns: string[], rows: Cell[][]) {
  printed.tables.push({ title, columns, rows });
  const cells = rows.map((row) => row.map(formatCell));
  const numeric = columns.map((_, i) => rows.every((row) => typeof row[i] !== "string"));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(columns));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of cells) console.log(line(row));
  writeJson();
}

/** What the benchmark is doing now (stderr: not part of the results). */
export function progress(text: string) {
  console.error(`... ${text}`);
}
