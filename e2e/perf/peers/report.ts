// Turns the peers benchmark's slices into the table: one row per measure, a column per
// path (Portkey, Hearth's two APIs), each cell the median over the repeats with their range, the
// target and whether Hearth meets it. "Added" is always a path's figure minus the direct one of
// the same repeat and level, measured back to back with it. Targets follow issue 20: time added
// to the first token at most Portkey's minus its deliberate 25 ms pause before the first chunk;
// CPU per answer at most 1.5 x Portkey's; fixed limits for memory, idle CPU and held streams.
import { percentile, type Cell } from "../bench-support";
import type { PathId } from "./paths";

export type Scenario = "ttft" | "plain" | "burst" | "abandon" | "hold";

export interface Slice {
  repeat: number;
  scenario: Scenario;
  level: number;
  path: PathId;
  /** Timed requests, and the p50 / p99 of their time to first token (or whole answer). */
  timed: number;
  p50: number;
  p99: number;
  answers: number;
  errors: number;
  firstError?: string;
  /** CPU of the gateway's process tree per completed answer (none for the direct path). */
  cpuMsPerAnswer: number | null;
  /** The same, by process of the tree (web server, database, launcher...). */
  cpuByRole: Record<string, number>;
  /** Cores busy on average with other processes than the benchmark's, and the load average. */
  otherCores: number;
  loadAverage: number;
  seconds: number;
  extra: Record<string, number>;
}

export interface MemoryReading {
  gateway: "portkey" | "hearth" | "hearth-postgres";
  phase: "idle" | "warm";
  pssMb: number;
  rssMb: number;
  cpuMsPerSecond: number;
  processes: { role: string; pssMb: number; rssMb: number; cpuMsPerSecond: number }[];
}

/** Portkey's streamHandler waits this long before it forwards the first chunk. */
export const PORTKEY_FIRST_CHUNK_PAUSE_MS = 25;

interface Range {
  median: number;
  min: number;
  max: number;
}

function range(values: number[]): Range | null {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return null;
  return { median: percentile(finite, 50), min: Math.min(...finite), max: Math.max(...finite) };
}

const round = (value: number) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

/** "median (min-max)", or the one value when there was one repeat. */
function show(r: Range | null): string {
  if (!r) return "-";
  return r.min === r.max ? round(r.median) : `${round(r.median)} (${round(r.min)}-${round(r.max)})`;
}

type Column = "portkey" | "stream" | "v1";
const HEARTH: Column[] = ["stream", "v1"];

interface Row {
  measure: string;
  direct?: Range | null;
  cells: Partial<Record<Column, Range | null>>;
  /** The target for a Hearth cell, from Portkey's median, and whether the cell's median meets it. */
  target?: { text: string; meets: (hearth: Range, column: Column) => boolean };
}

export function summarize(
  slices: Slice[],
  memory: MemoryReading[],
  settings: { burst: number; hold: number; abandon: number; plainUsers: number },
) {
  const of = (scenario: Scenario, level: number, path: PathId) =>
    slices.filter((slice) => slice.scenario === scenario && slice.level === level && slice.path === path);
  const added = (scenario: Scenario, level: number, path: PathId, field: "p50" | "p99") =>
    range(
      of(scenario, level, path).map((slice) => {
        const direct = of(scenario, level, "direct").find((d) => d.repeat === slice.repeat);
        return direct ? slice[field] - direct[field] : NaN;
      }),
    );
  const figure = (scenario: Scenario, level: number, path: PathId, pick: (slice: Slice) => number | null) =>
    range(of(scenario, level, path).map((slice) => pick(slice) ?? NaN));
  const columns = (pick: (path: PathId) => Range | null) => ({
    portkey: pick("portkey"),
    stream: pick("hearth-stream"),
    v1: pick("hearth-v1"),
  });

  const rows: Row[] = [];
  const fasterThanPortkeyLessPause = (r: Range | null) =>
    r
      ? {
          text: `<= ${round(r.median - PORTKEY_FIRST_CHUNK_PAUSE_MS)} (Portkey - ${PORTKEY_FIRST_CHUNK_PAUSE_MS} ms)`,
          meets: (hearth: Range) => hearth.median <= r.median - PORTKEY_FIRST_CHUNK_PAUSE_MS,
        }
      : undefined;
  const notAbovePortkey = (r: Range | null, factor = 1) =>
    r
      ? {
          text:
            factor === 1
              ? `<= ${round(r.median)} (Portkey)`
              : `<= ${round(r.median * factor)} (${factor}x Portkey)`,
          meets: (hearth: Range) => hearth.median <= r.median * factor,
        }
      : undefined;
  const atMost = (limit: number, unit: string) => ({
    text: `<= ${limit} ${unit}`,
    meets: (hearth: Range) => hearth.max <= limit,
  });

  for (const level of [...new Set(slices.filter((s) => s.scenario === "ttft").map((s) => s.level))].sort(
    (a, b) => a - b,
  )) {
    for (const field of ["p50", "p99"] as const) {
      const cells = columns((path) => added("ttft", level, path, field));
      rows.push({
        measure: `added TTFT, ${level} stream${level === 1 ? "" : "s"}, ${field} ms`,
        direct: figure("ttft", level, "direct", (slice) => slice[field]),
        cells,
        target: fasterThanPortkeyLessPause(cells.portkey ?? null),
      });
    }
  }
  for (const field of ["p50", "p99"] as const) {
    const level = settings.plainUsers;
    if (!of("plain", level, "direct").length) break;
    const cells = columns((path) => added("plain", level, path, field));
    rows.push({
      measure: `non-streamed, ${level} concurrent, added ${field} ms (/ask in the stream column)`,
      direct: figure("plain", level, "direct", (slice) => slice[field]),
      cells,
      target: notAbovePortkey(cells.portkey ?? null),
    });
  }
  const topLevel = Math.max(...slices.filter((s) => s.scenario === "ttft").map((s) => s.level));
  if (Number.isFinite(topLevel)) {
    const cells = columns((path) => figure("ttft", topLevel, path, (slice) => slice.cpuMsPerAnswer));
    rows.push({
      measure: `CPU per streamed answer, ${topLevel} streams, ms`,
      cells,
      target: notAbovePortkey(cells.portkey ?? null, 1.5),
    });
  }
  if (of("plain", settings.plainUsers, "direct").length) {
    const cells = columns((path) =>
      figure("plain", settings.plainUsers, path, (slice) => slice.cpuMsPerAnswer),
    );
    rows.push({
      measure: "CPU per non-streamed answer, ms",
      cells,
      target: notAbovePortkey(cells.portkey ?? null, 1.5),
    });
  }
  if (of("burst", settings.burst, "direct").length) {
    const n = settings.burst;
    rows.push({
      measure: `${n} streams opened within 2 s: first tokens (of ${n})`,
      direct: figure("burst", n, "direct", (slice) => slice.extra.firstTokens ?? 0),
      cells: columns((path) => figure("burst", n, path, (slice) => slice.extra.firstTokens ?? 0)),
      target: { text: `${n} (every one)`, meets: (hearth) => hearth.min === n },
    });
    for (const field of ["p50", "p99"] as const) {
      const cells = columns((path) => figure("burst", n, path, (slice) => slice[field]));
      rows.push({
        measure: `${n} streams opened within 2 s: first token ${field} ms`,
        direct: figure("burst", n, "direct", (slice) => slice[field]),
        cells,
        target: fasterThanPortkeyLessPause(cells.portkey ?? null),
      });
    }
  }
  if (of("abandon", settings.abandon, "direct").length) {
    rows.push({
      measure: `generations still running 1.5 s after ${settings.abandon} clients left`,
      direct: figure("abandon", settings.abandon, "direct", (slice) => slice.extra.stillRunning ?? NaN),
      cells: columns((path) =>
        figure("abandon", settings.abandon, path, (slice) => slice.extra.stillRunning ?? NaN),
      ),
    });
  }
  if (of("hold", settings.hold, "direct").length) {
    const n = settings.hold;
    rows.push({
      measure: `${n} streams held: first tokens (of ${n})`,
      direct: figure("hold", n, "direct", (slice) => slice.extra.firstTokens ?? 0),
      cells: columns((path) => figure("hold", n, path, (slice) => slice.extra.firstTokens ?? 0)),
      target: { text: `${n} (every one)`, meets: (hearth) => hearth.min === n },
    });
    rows.push({
      measure: `${n} streams held: streams that failed`,
      direct: figure("hold", n, "direct", (slice) => slice.errors),
      cells: columns((path) => figure("hold", n, path, (slice) => slice.errors)),
      target: { text: "0", meets: (hearth) => hearth.max === 0 },
    });
    rows.push({
      measure: `${n} streams held: most open at once`,
      direct: figure("hold", n, "direct", (slice) => slice.extra.peakOpen ?? NaN),
      cells: columns((path) => figure("hold", n, path, (slice) => slice.extra.peakOpen ?? NaN)),
    });
    rows.push({
      measure: `${n} streams held: memory growth (PSS) MB`,
      cells: columns((path) => figure("hold", n, path, (slice) => slice.extra.growthMb ?? NaN)),
      target: atMost(150, "MB"),
    });
  }
  const mem = (
    gateway: MemoryReading["gateway"],
    phase: MemoryReading["phase"],
    pick: (m: MemoryReading) => number,
  ) => range(memory.filter((m) => m.gateway === gateway && m.phase === phase).map(pick));
  for (const phase of ["idle", "warm"] as const) {
    if (!memory.some((m) => m.phase === phase && m.gateway !== "hearth-postgres")) continue;
    for (const kind of ["pssMb", "rssMb"] as const) {
      const hearth = mem("hearth", phase, (m) => m[kind]);
      rows.push({
        measure: `memory, whole process tree (${kind === "pssMb" ? "PSS" : "RSS summed"}), ${phase === "idle" ? "idle after boot" : "warm, after the load"} MB`,
        cells: { portkey: mem("portkey", phase, (m) => m[kind]), stream: hearth, v1: hearth },
        target: phase === "idle" ? atMost(400, "MB (embedded database)") : undefined,
      });
    }
    const cpu = mem("hearth", phase, (m) => m.cpuMsPerSecond);
    rows.push({
      measure: `CPU with no traffic, ${phase === "idle" ? "after boot" : "after the load"}, ms/s`,
      cells: { portkey: mem("portkey", phase, (m) => m.cpuMsPerSecond), stream: cpu, v1: cpu },
      target: { text: "< 5 ms/s", meets: (h) => h.median < 5 },
    });
  }
  for (const phase of ["idle", "warm"] as const) {
    for (const kind of ["pssMb", "rssMb"] as const) {
      const pgMemory = mem("hearth-postgres", phase, (m) => m[kind]);
      if (!pgMemory) continue;
      rows.push({
        measure: `memory on an external PostgreSQL (${kind === "pssMb" ? "PSS" : "RSS summed"}), ${phase === "idle" ? "idle after boot" : "warm"} MB`,
        cells: { stream: pgMemory, v1: pgMemory },
        target: phase === "idle" ? atMost(200, "MB") : undefined,
      });
    }
  }

  return rows.map((row): Cell[] => {
    const met = row.target
      ? HEARTH.map((column) => {
          const cell = row.cells[column];
          return cell ? (row.target!.meets(cell, column) ? "yes" : "no") : "-";
        }).join(" / ")
      : "-";
    return [
      row.measure,
      row.direct === undefined ? "-" : show(row.direct),
      show(row.cells.portkey ?? null),
      show(row.cells.stream ?? null),
      show(row.cells.v1 ?? null),
      row.target?.text ?? "(no target)",
      met,
    ];
  });
}

export const SUMMARY_COLUMNS = [
  "measure",
  "direct (absolute)",
  "Portkey",
  "Hearth /assistants/{id}/stream",
  "Hearth /v1/chat/completions",
  "target (Hearth)",
  "met (stream / v1)",
];

export function sliceRows(slices: Slice[]): Cell[][] {
  const directOf = (slice: Slice) =>
    slices.find(
      (d) =>
        d.path === "direct" &&
        d.repeat === slice.repeat &&
        d.scenario === slice.scenario &&
        d.level === slice.level,
    );
  return slices.map((slice) => {
    const direct = slice.scenario === "ttft" || slice.scenario === "plain" ? directOf(slice) : undefined;
    return [
      slice.repeat,
      slice.scenario,
      slice.level,
      slice.path,
      slice.timed,
      slice.p50,
      slice.p99,
      direct && slice.path !== "direct" ? slice.p50 - direct.p50 : null,
      direct && slice.path !== "direct" ? slice.p99 - direct.p99 : null,
      slice.answers,
      slice.errors,
      slice.cpuMsPerAnswer,
      Object.entries(slice.extra)
        .map(([key, value]) => `${key}=${round(value)}`)
        .join(" "),
      slice.otherCores,
      slice.loadAverage,
    ];
  });
}

export const SLICE_COLUMNS = [
  "repeat",
  "scenario",
  "level",
  "path",
  "timed",
  "p50 ms",
  "p99 ms",
  "added p50 ms",
  "added p99 ms",
  "answers",
  "errors",
  "gateway CPU ms/answer",
  "other figures",
  "other load (cores)",
  "loadavg 1m",
];

export function memoryRows(memory: MemoryReading[]): Cell[][] {
  return memory.flatMap((reading) => [
    ...reading.processes.map((p): Cell[] => [
      reading.gateway,
      reading.phase,
      p.role,
      p.pssMb,
      p.rssMb,
      p.cpuMsPerSecond,
    ]),
    [reading.gateway, reading.phase, "whole tree", reading.pssMb, reading.rssMb, reading.cpuMsPerSecond],
  ]);
}

export const MEMORY_COLUMNS = ["gateway", "phase", "process", "PSS MB", "RSS MB", "CPU ms/s (no traffic)"];

/** CPU per answer by process of each gateway's tree, per scenario and level: medians over the repeats. */
export function cpuByRoleRows(slices: Slice[]): Cell[][] {
  const keys = [
    ...new Set(slices.filter((s) => s.path !== "direct").map((s) => `${s.scenario}|${s.level}|${s.path}`)),
  ];
  return keys.flatMap((key) => {
    const group = slices.filter((s) => `${s.scenario}|${s.level}|${s.path}` === key);
    const roles = [...new Set(group.flatMap((s) => Object.keys(s.cpuByRole)))];
    const [scenario, level, path] = key.split("|");
    return roles.map((role): Cell[] => [
      scenario!,
      Number(level),
      path!,
      role,
      percentile(
        group.map((s) => s.cpuByRole[role] ?? 0),
        50,
      ),
    ]);
  });
}

export const CPU_BY_ROLE_COLUMNS = ["scenario", "level", "path", "process", "CPU ms/answer (median)"];
