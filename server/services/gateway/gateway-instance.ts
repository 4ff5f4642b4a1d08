// The replica's one gateway (kept on globalThis, like the metrics registry, so every Next.js module
// instance shares it) and its health monitor: every HEARTH_HEALTH_INTERVAL_MS it re-reads the
// enabled backends and probes each of them, a probe per backend at a time.
import type { Backend } from "../../db/client";
import { env } from "../../env";
import { logger } from "../../logger";
import { findEnabledBackendsCached } from "./backend-cache";
import { observeRejection, setGatewayLoadSource } from "../observability/metrics";
import { createPostgresSlotLedger } from "./cluster/slot-ledger";
import { Gateway, type GatewayOptions } from "./gateway";
import { defaultHealthPolicy } from "./health/backend-health";
import { probeBackend } from "./health/probe-backend";

interface GatewayGlobals {
  hearthGateway?: Gateway;
  hearthGatewayRows?: readonly Backend[];
  /** Reads started, and the latest whose result was applied (an older read never undoes a newer). */
  hearthGatewayReads?: { started: number; applied: number };
  hearthHealthMonitor?: NodeJS.Timeout;
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

/** Probes every enabled backend once (those still being probed are skipped). */
export async function probeAllBackends(): Promise<void> {
  const rows = await syncedBackends();
  const probing = (globals.hearthProbing ??= new Set());
  const gateway = getGateway();
  await Promise.all(
    rows
      .filter((row) => !probing.has(row.id))
      .map(async (row) => {
        probing.add(row.id);
        try {
          gateway.recordProbe(row.id, await probeBackend(row, env.HEARTH_HEALTH_TIMEOUT_MS));
        } finally {
          probing.delete(row.id);
        }
      }),
  );
}

export function startHealthMonitor(): void {
  if (globals.hearthHealthMonitor) return;
  const tick = () =>
    probeAllBackends().catch((error: unknown) =>
      logger.error({ err: error }, "backend health probes failed"),
    );
  void tick();
  globals.hearthHealthMonitor = setInterval(() => void tick(), env.HEARTH_HEALTH_INTERVAL_MS);
  globals.hearthHealthMonitor.unref();
}
