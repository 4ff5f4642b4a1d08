// The replica's one gateway (kept on globalThis, like the metrics registry, so every Next.js module
// instance shares it) and its health monitor: every HEARTH_HEALTH_INTERVAL_MS it re-reads the
// enabled backends and probes each of them, a probe per backend at a time. While the replica is
// idle and every backend healthy, the rounds space out (health/probe-schedule.ts); a request to a
// model, a reader of backend health or a change of state brings the interval back at once.
import type { Backend } from "../../db/client";
import { env } from "../../env";
import { logger } from "../../logger";
import { findEnabledBackendsCached } from "./backend-cache";
import { observeRejection, setGatewayLoadSource } from "../observability/metrics";
import { createPostgresSlotLedger } from "./cluster/slot-ledger";
import { Gateway, type GatewayOptions } from "./gateway";
import { defaultHealthPolicy } from "./health/backend-health";
import { probeBackend } from "./health/probe-backend";
import { ProbeSchedule, type ProbeRound } from "./health/probe-schedule";

interface GatewayGlobals {
  hearthGateway?: Gateway;
  hearthGatewayRows?: readonly Backend[];
  /** Reads started, and the latest whose result was applied (an older read never undoes a newer). */
  hearthGatewayReads?: { started: number; applied: number };
  hearthHealthMonitor?: HealthMonitor;
  hearthProbing?: Set<string>;
}
const globals = globalThis as unknown as GatewayGlobals;

function createGateway(overrides: Partial<GatewayOptions> = {}): Gateway {
  const gateway = new Gateway({
    policy: {
      ...defaultHealthPolicy,
      ejectAfter: env.HEARTH_HEALTH_EJECT_AFTER,
      readmitAfter: env.HEARTH_HEALTH_READMIT_AFTER,
    },
    queueSize: env.HEARTH_QUEUE_SIZE,
    queueTimeoutMs: env.HEARTH_QUEUE_TIMEOUT_MS,
    affinity: env.HEARTH_SESSION_AFFINITY,
    onStateChange: (backend, state, reason) => {
      noteHealthDemand();
      const log = state === "down" ? logger.warn.bind(logger) : logger.info.bind(logger);
      log({ backend: backend.name, state, reason }, `backend ${backend.name} is ${state}`);
    },
    onReject: observeRejection,
    ...(env.admissionScope === "cluster" ? { ledger: createPostgresSlotLedger() } : {}),
    ...overrides,
  });
  setGatewayLoadSource(() => ({
    backends: gateway.backends().map((view) => ({
      name: view.backend.name,
      state: view.health.state,
      outstanding: view.outstanding,
      capacity: view.backend.maxConcurrency,
    })),
    queues: gateway.queueDepths(),
  }));
  return gateway;
}

export function getGateway(): Gateway {
  globals.hearthGateway ??= createGateway();
  return globals.hearthGateway;
}

/** Starts over with a fresh gateway (tests use it to set their own limits and choices). */
export function replaceGateway(overrides: Partial<GatewayOptions> = {}): Gateway {
  globals.hearthGateway = createGateway(overrides);
  globals.hearthGatewayRows = undefined;
  globals.hearthGatewayReads = undefined;
  return globals.hearthGateway;
}

/** The enabled backends, with the gateway's view brought up to date when they changed. */
export async function syncedBackends(): Promise<readonly Backend[]> {
  const reads = (globals.hearthGatewayReads ??= { started: 0, applied: 0 });
  const read = ++reads.started;
  const rows = await findEnabledBackendsCached();
  if (globals.hearthGatewayRows !== rows && read > reads.applied) {
    reads.applied = read;
    globals.hearthGatewayRows = rows;
    getGateway().sync(rows);
  }
  return rows;
}

/** Probes every enabled backend once (those still being probed are skipped); what the round saw. */
export async function probeAllBackends(): Promise<ProbeRound> {
  const rows = await syncedBackends();
  const probing = (globals.hearthProbing ??= new Set());
  const gateway = getGateway();
  const results = await Promise.all(
    rows
      .filter((row) => !probing.has(row.id))
      .map(async (row) => {
        probing.add(row.id);
        try {
          const result = await probeBackend(row, env.HEARTH_HEALTH_TIMEOUT_MS);
          gateway.recordProbe(row.id, result);
          return result.ok;
        } finally {
          probing.delete(row.id);
        }
      }),
  );
  return {
    backends: gateway.backends().map((view) => ({ id: view.backend.id, state: view.health.state })),
    allPassed: results.every(Boolean) && results.length === rows.length,
  };
}

interface HealthMonitor {
  schedule: ProbeSchedule;
  timer?: NodeJS.Timeout;
  running: boolean;
  stopped?: boolean;
}

function planRound(monitor: HealthMonitor, waitMs: number): void {
  clearTimeout(monitor.timer);
  if (monitor.stopped) return;
  monitor.timer = setTimeout(() => void runRound(monitor), waitMs);
  monitor.timer.unref();
}

async function runRound(monitor: HealthMonitor): Promise<void> {
  monitor.running = true;
  const startedAt = Date.now();
  let round: ProbeRound = { backends: [], allPassed: false };
  try {
    round = await probeAllBackends();
  } catch (error) {
    logger.error({ err: error }, "backend health probes failed");
  } finally {
    monitor.running = false;
  }
  planRound(monitor, monitor.schedule.afterRound(round, startedAt, Date.now()));
}

/**
 * Someone needs current health (a request to a model, a reader of backend health, a change of
 * state): probes return to HEARTH_HEALTH_INTERVAL_MS, the next round no later than one interval
 * after the last.
 */
export function noteHealthDemand(): void {
  const monitor = globals.hearthHealthMonitor;
  if (!monitor) return;
  const wait = monitor.schedule.demand(Date.now());
  if (wait !== null && !monitor.running) planRound(monitor, wait);
}

/** Stops probing (tests start and stop the monitor; a round under way finishes unplanned). */
export function stopHealthMonitor(): void {
  const monitor = globals.hearthHealthMonitor;
  if (!monitor) return;
  monitor.stopped = true;
  clearTimeout(monitor.timer);
  globals.hearthHealthMonitor = undefined;
}

export function startHealthMonitor(): void {
  if (globals.hearthHealthMonitor) return;
  const monitor: HealthMonitor = {
    schedule: new ProbeSchedule(env.HEARTH_HEALTH_INTERVAL_MS),
    running: false,
  };
  globals.hearthHealthMonitor = monitor;
  void runRound(monitor);
}
