// What the peers benchmark reads from Linux's /proc: the CPU time and memory of a whole process
// tree (a gateway with its children), and how busy the machine was with work that is not the
// benchmark's own, so that every slice can say how much noise it ran in.
import { readFileSync } from "node:fs";
import { cpuMsOf, descendants } from "../bench-support";

/** A process of a tree, with a short name of its role for the memory table. */
export interface TreeProcess {
  pid: number;
  role: string;
}

/** The root and everything under it, named by `roleOf` from their command lines. */
export function treeOf(rootPid: number, roleOf: (command: string) => string): TreeProcess[] {
  const root = readFileSync(`/proc/${rootPid}/cmdline`, "utf8").replaceAll("\0", " ");
  return [{ pid: rootPid, command: root }, ...descendants(rootPid)].map(({ pid, command }) => ({
    pid,
    role: roleOf(command),
  }));
}

/** CPU time used so far by the processes of a tree, in ms (a process that has exited counts 0). */
export function treeCpuMs(tree: readonly TreeProcess[]): number {
  let total = 0;
  for (const { pid } of tree) {
    try {
      total += cpuMsOf(pid);
    } catch {
      // exited
    }
  }
  return total;
}

export interface Memory {
  /** Proportional set size: shared pages divided among the processes that map them, so a tree's sum is fair. */
  pssMb: number;
  rssMb: number;
}

/** PSS and RSS of one process (smaps_rollup; root or the same user may read it). */
export function memoryOf(pid: number): Memory {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
    return { pssMb: kb("Pss") / 1024, rssMb: kb("Rss") / 1024 };
  } catch {
    return { pssMb: 0, rssMb: 0 };
  }
}

export function treeMemory(tree: readonly TreeProcess[]): Memory {
  return tree
    .map((process) => memoryOf(process.pid))
    .reduce((sum, memory) => ({ pssMb: sum.pssMb + memory.pssMb, rssMb: sum.rssMb + memory.rssMb }), {
      pssMb: 0,
      rssMb: 0,
    });
}

/** CPU time the whole machine has spent busy (every core, every process, the kernel), in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** The one-minute load average. */
export function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}

/**
 * Measures the machine around a slice: the cores busy with processes that are not the
 * benchmark's (its own process and the trees it started, passed as `ours`), on average.
 */
export function startLoadWindow(ours: () => readonly TreeProcess[]) {
  const ownCpu = () => treeCpuMs([{ pid: process.pid, role: "bench" }]);
  const at = performance.now();
  const busy = machineBusyMs();
  const mine = ownCpu() + treeCpuMs(ours());
  return () => {
    const wallMs = performance.now() - at;
    const otherMs = machineBusyMs() - busy - (ownCpu() + treeCpuMs(ours()) - mine);
    return { otherCores: Math.max(0, otherMs) / wallMs, loadAverage: loadAverage() };
  };
}
