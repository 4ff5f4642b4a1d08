// Benchmark (prints numbers; not a test): Hearth against a peer, Portkey's open-source AI gateway
// (npm `@portkey-ai/gateway`, TypeScript on Hono, a devDependency used only here, with the Hono
// versions its own lockfile pins), both in front of the same vLLM simulator (100 ms to first token,
// 80 tokens/s, 32 reasoning + 160 answer tokens), and straight to the simulator as the baseline.
//
//   npm run build && npm run bench:peers
//   npm run bench:peers -- --quick                       # a short smoke run (one repeat, small loads)
//   npm run bench:peers -- --only ttft,burst --repeats 5 --json /tmp/peers.json
//
// Four paths: direct, Portkey, Hearth's /assistants/{id}/stream (/ask when not streamed) and
// Hearth's /v1/chat/completions, Hearth's production build on the embedded database. Scenarios
// (`--only`): ttft (1, 16, 64 closed-loop streams), plain (16 concurrent whole answers), burst
// (500 streams opened within 2 s), abandon (20 clients leave at their first token; generations
// the simulator still runs 1.5 s later), hold (1,000 streams opened within 2 s, the gateway's
// memory sampled), memory (each gateway's process tree idle after boot and warm after the load:
// PSS and CPU with no traffic), postgres (Hearth's tree on an external PostgreSQL server).
//
// Noise: the machine is shared, so every level runs as a group of slices, one per path back to
// back in an order that rotates with the repeat, and "added" compares a path with the direct slice
// of its own group. Each slice reports the cores other processes kept busy meanwhile (from
// /proc/stat, less the benchmark's own processes) and the load average. Cells are the median over
// the repeats with their range. CPU per answer is the gateway's whole process tree (/proc) over a
// slice divided by the answers completed in it.
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { percentile, printHeader, printTable, progress } from "./bench-support";
import {
  freshPostgresDatabase,
  portkeyVersions,
  SIMULATOR,
  startHearthTree,
  startPortkey,
  startSimulatorTree,
  type Running,
} from "./peers/gateways";
import {
  closeClient,
  directPath,
  freshClient,
  hearthStreamPath,
  hearthV1Path,
  plainOnce,
  portkeyPath,
  streamOnce,
  type Path,
  type PathId,
} from "./peers/paths";
import { memoryOf, startLoadWindow, treeCpuMs, type TreeProcess } from "./peers/proc";
import {
  CPU_BY_ROLE_COLUMNS,
  cpuByRoleRows,
  MEMORY_COLUMNS,
  memoryRows,
  SLICE_COLUMNS,
  sliceRows,
  SUMMARY_COLUMNS,
  summarize,
  type MemoryReading,
  type Scenario,
  type Slice,
} from "./peers/report";
import { abandon, burst, hold, plain, steady, type LoadResult } from "./peers/scenarios";

const ALL = ["ttft", "plain", "burst", "abandon", "hold", "memory", "postgres"] as const;
type Part = (typeof ALL)[number];

const { values: flags } = parseArgs({
  options: {
    repeats: { type: "string" },
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    json: { type: "string" },
    seconds: { type: "string" },
    "postgres-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (flags.help) {
  console.log(
    "npm run bench:peers -- [--quick] [--repeats N] [--seconds S] [--only ttft,plain,burst,abandon,hold,memory,postgres] [--json FILE] [--postgres-url URL]",
  );
  process.exit(0);
}
const only = (flags.only?.split(",") ?? ALL) as Part[];
const unknown = only.filter((part) => !ALL.includes(part));
if (unknown.length)
  throw new Error(`--only: unknown part ${unknown.join(", ")} (choose from ${ALL.join(", ")})`);
const runs = (part: Part) => only.includes(part);

const quick = flags.quick;
const settings = {
  repeats: Number(flags.repeats ?? (quick ? 1 : 3)),
  seconds: Number(flags.seconds ?? (quick ? 3 : 10)),
  levels: [1, 16, 64],
  plainUsers: 16,
  burst: quick ? 100 : 500,
  burstWithinMs: 2000,
  abandon: 20,
  abandonAfterMs: 1500,
  hold: quick ? 200 : 1000,
  settleSeconds: quick ? 5 : 20,
  idleWindowSeconds: quick ? 5 : 20,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a slice needs to know of the running processes. */
interface Bench {
  running: () => Promise<number>;
  /** The process tree a path's CPU and memory are read from (none for the direct path). */
  treeOf: (path: PathId) => TreeProcess[];
  /** Every process the benchmark started, left out of the machine's "other" load. */
  ours: () => TreeProcess[];
}

/** A scenario at one level: what each path of its slice group runs. */
interface Group {
  scenario: Scenario;
  level: number;
  load: (path: Path) => Promise<LoadResult>;
}

/** Waits until the simulator runs nothing (a slice starts on a quiet model server). */
async function simulatorIdle(running: () => Promise<number>) {
  const deadline = Date.now() + 30_000;
  while ((await running()) > 0 && Date.now() < deadline) await sleep(100);
}

/** Memory and no-traffic CPU of each tree, read over the same window. */
async function readMemory(
  trees: { gateway: MemoryReading["gateway"]; tree: TreeProcess[] }[],
  phase: MemoryReading["phase"],
) {
  progress(
    `memory (${phase}): settling ${settings.settleSeconds} s, then ${settings.idleWindowSeconds} s with no traffic`,
  );
  await sleep(settings.settleSeconds * 1000);
  const before = trees.map(({ tree }) => tree.map((process) => treeCpuMs([process])));
  await sleep(settings.idleWindowSeconds * 1000);
  return trees.map(({ gateway, tree }, t): MemoryReading => {
    const processes = tree.map((process, p) => ({
      role: process.role,
      ...memoryOf(process.pid),
      cpuMsPerSecond: (treeCpuMs([process]) - before[t]![p]!) / settings.idleWindowSeconds,
    }));
    const sum = (pick: (p: (typeof processes)[number]) => number) =>
      processes.reduce((total, p) => total + pick(p), 0);
    return {
      gateway,
      phase,
      pssMb: sum((p) => p.pssMb),
      rssMb: sum((p) => p.rssMb),
      cpuMsPerSecond: sum((p) => p.cpuMsPerSecond),
      processes,
    };
  });
}

/** One path's slice of a group: the load, with the gateway's CPU and the machine's other load around it. */
async function measureSlice(bench: Bench, repeat: number, group: Group, path: Path): Promise<Slice> {
  await simulatorIdle(bench.running);
  await freshClient();
  await sleep(300);
  const tree = bench.treeOf(path.id);
  const cpuBefore = tree.map((process) => treeCpuMs([process]));
  const window = startLoadWindow(bench.ours);
  const started = performance.now();
  const result = await group.load(path);
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = tree.map((process, index) => treeCpuMs([process]) - cpuBefore[index]!);
  const machine = window();
  const cpuByRole: Record<string, number> = {};
  for (const [index, process] of tree.entries())
    cpuByRole[process.role] = (cpuByRole[process.role] ?? 0) + cpuUsed[index]! / Math.max(1, result.answers);
  const cpuMs = cpuUsed.reduce((total, used) => total + used, 0);
  const slice: Slice = {
    repeat,
    scenario: group.scenario,
    level: group.level,
    path: path.id,
    timed: result.times.length,
    p50: percentile(result.times, 50),
    p99: percentile(result.times, 99),
    answers: result.answers,
    errors: result.errors,
    firstError: result.firstError,
    cpuMsPerAnswer: tree.length && result.answers ? cpuMs / result.answers : null,
    cpuByRole,
    otherCores: machine.otherCores,
    loadAverage: machine.loadAverage,
    seconds,
    extra: result.extra ?? {},
  };
  progress(
    `  ${path.id}: p50 ${slice.p50.toFixed(1)} ms, p99 ${slice.p99.toFixed(1)} ms, ${slice.answers} answers, ` +
      `${slice.errors} errors${slice.firstError ? ` (${slice.firstError})` : ""}, other load ${machine.otherCores.toFixed(2)} cores`,
  );
  return slice;
}

/** The slice groups the chosen parts make, in the order they run in every repeat. */
function groupsOf(bench: Bench, answerMs: number): Group[] {
  const groups: Group[] = [];
  if (runs("ttft"))
    for (const level of settings.levels)
      groups.push({
        scenario: "ttft",
        level,
        // One stream answers a few times in a slice: twice as long gives its percentiles more samples.
        load: (path) => steady(path, level, settings.seconds * (level === 1 ? 2 : 1), answerMs),
      });
  if (runs("plain"))
    groups.push({
      scenario: "plain",
      level: settings.plainUsers,
      load: (path) => plain(path, settings.plainUsers, settings.seconds, answerMs),
    });
  if (runs("burst"))
    groups.push({
      scenario: "burst",
      level: settings.burst,
      load: (path) => burst(path, settings.burst, settings.burstWithinMs),
    });
  if (runs("abandon"))
    groups.push({
      scenario: "abandon",
      level: settings.abandon,
      load: (path) => abandon(path, settings.abandon, settings.abandonAfterMs, bench.running),
    });
  if (runs("hold"))
    groups.push({
      scenario: "hold",
      level: settings.hold,
      load: (path) => {
        const tree = bench.treeOf(path.id);
        return hold(path, settings.hold, settings.burstWithinMs, tree.length ? tree : null);
      },
    });
  return groups;
}

/** Every repeat runs every group; within a group the paths' order rotates with the repeat. */
async function runSlices(bench: Bench, paths: Path[], groups: Group[]): Promise<Slice[]> {
  const slices: Slice[] = [];
  for (let repeat = 1; repeat <= settings.repeats; repeat++) {
    for (const [index, group] of groups.entries()) {
      progress(`repeat ${repeat}/${settings.repeats}: ${group.scenario}, ${group.level}`);
      const shift = (repeat + index) % paths.length;
      for (const path of [...paths.slice(shift), ...paths.slice(0, shift)])
        slices.push(await measureSlice(bench, repeat, group, path));
    }
  }
  return slices;
}

/** Warm-up: compiles the routes, opens the pools; every path must answer. */
async function warmUp(paths: Path[]) {
  progress("warm-up");
  for (const path of paths) {
    for (const outcome of await Promise.all([
      ...Array.from({ length: 8 }, () => streamOnce(path)),
      ...Array.from({ length: 4 }, () => plainOnce(path)),
    ])) {
      if (!outcome.ok) throw new Error(`${path.label} failed in the warm-up: ${outcome.error}`);
    }
  }
}

function printResults(slices: Slice[], memory: MemoryReading[]) {
  printTable(
    `Hearth against Portkey (cells: median over ${settings.repeats} repeat${settings.repeats === 1 ? "" : "s"} (min-max); added = path minus direct in the same slice group)`,
    SUMMARY_COLUMNS,
    summarize(slices, memory, settings),
  );
  printTable(
    "Every slice, with the load other processes put on the machine meanwhile",
    SLICE_COLUMNS,
    sliceRows(slices),
  );
  if (memory.length)
    printTable("Memory and CPU with no traffic, by process", MEMORY_COLUMNS, memoryRows(memory));
  printTable("Gateway CPU per answer, by process", CPU_BY_ROLE_COLUMNS, cpuByRoleRows(slices));
  if (!slices.length) return;
  const other = slices.map((slice) => slice.otherCores);
  const load = slices.map((slice) => slice.loadAverage);
  console.log(
    `\nOther load over all slices: median ${percentile(other, 50).toFixed(2)} cores, max ${Math.max(...other).toFixed(2)} ` +
      `of ${availableParallelism()}; load average ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
  );
}

async function main() {
  const sim = await startSimulatorTree();
  const stops: (() => Promise<void>)[] = [sim.stop];
  let slices: Slice[] = [];
  const memory: MemoryReading[] = [];
  try {
    const portkey = await startPortkey();
    stops.unshift(portkey.stop);
    const hearth = await startHearthTree(sim.url);
    stops.unshift(hearth.stop);
    const paths: Path[] = [
      directPath(sim.url),
      portkeyPath(portkey.url, sim.url),
      hearthStreamPath(hearth.url, hearth.apiKey),
      hearthV1Path(hearth.url, hearth.apiKey),
    ];
    const trees = { sim: sim.tree(), portkey: portkey.tree(), hearth: hearth.tree() };
    const gateways = [
      { gateway: "portkey" as const, tree: trees.portkey },
      { gateway: "hearth" as const, tree: trees.hearth },
    ];
    const bench: Bench = {
      running: sim.statsRunning,
      treeOf: (path) => (path === "direct" ? [] : path === "portkey" ? trees.portkey : trees.hearth),
      ours: () => [...trees.sim, ...trees.portkey, ...trees.hearth],
    };

    if (runs("memory")) memory.push(...(await readMemory(gateways, "idle")));
    await warmUp(paths);
    const answerMs = (await streamOnce(paths[0]!)).totalMs;
    printHeader("peers", "Hearth against Portkey's AI gateway, both in front of the vLLM simulator", {
      node: process.version,
      simulator:
        `ttft ${SIMULATOR.ttftMs} ms, ${SIMULATOR.tokensPerSecond} tok/s, ` +
        `${SIMULATOR.reasoningTokens} reasoning + ${SIMULATOR.answerTokens} answer tokens (one answer ${Math.round(answerMs)} ms)`,
      hearth: "production build, embedded database (PGlite), runtime API key, an assistant without knowledge",
      portkey: `${portkeyVersions()}, provider openai, custom host`,
      repeats: settings.repeats,
      "steady slice (s)": `${settings.seconds} (twice that at 1 stream) after a ramp of one answer`,
      parts: only.join(", "),
    });
    slices = await runSlices(bench, paths, groupsOf(bench, answerMs));
    if (runs("memory")) memory.push(...(await readMemory(gateways, "warm")));

    // The next part starts its own Hearth: the first one's work is done.
    await portkey.stop();
    await hearth.stop();
    stops.splice(0, 2);
    if (runs("postgres")) memory.push(...(await postgresMemory(sim, answerMs)));
    printResults(slices, memory);
  } finally {
    if (flags.json)
      writeFileSync(
        flags.json,
        `${JSON.stringify({ node: process.version, settings, slices, memory }, null, 2)}\n`,
      );
    for (const stop of stops) await stop().catch(() => undefined);
    await closeClient();
  }
}

/** Hearth's tree on a fresh database of an external PostgreSQL server: idle after boot, then warm. */
async function postgresMemory(sim: Running, answerMs: number): Promise<MemoryReading[]> {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  try {
    database = await freshPostgresDatabase(flags["postgres-url"]);
  } catch (error) {
    progress(
      `postgres: skipped, the server did not answer (${error instanceof Error ? error.message : String(error)})`,
    );
    return [];
  }
  try {
    progress("postgres: Hearth on an external PostgreSQL");
    const hearth = await startHearthTree(sim.url, database.url);
    try {
      const tree = hearth.tree();
      const idle = await readMemory([{ gateway: "hearth-postgres", tree }], "idle");
      for (const path of [
        hearthStreamPath(hearth.url, hearth.apiKey),
        hearthV1Path(hearth.url, hearth.apiKey),
      ])
        await steady(path, 16, settings.seconds, answerMs);
      const warm = await readMemory([{ gateway: "hearth-postgres", tree }], "warm");
      return [...idle, ...warm];
    } finally {
      await hearth.stop();
    }
  } finally {
    await database.drop();
  }
}

await main();
