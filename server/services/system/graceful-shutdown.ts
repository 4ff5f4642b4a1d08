// A replica's graceful shutdown on SIGTERM (or SIGINT): behind a load balancer, a rolling restart
// must not fail a question. At once, readiness answers 503 and new questions are refused (503 with
// Retry-After, before anything is recorded), so the balancer sends them elsewhere; the ingestion
// worker stops claiming jobs and the alert loop stops. Running answers then have
// HEARTH_SHUTDOWN_GRACE_MS to finish; those still running at the end stop with an `error` event and
// a failed record. Ingestion jobs and alert deliveries (with their retries) get what is left of the
// grace. Ingestion jobs still held are released for other replicas, the replica's row goes (its
// admission slots with it), and the process exits 0. A second
// signal exits at once. Next.js's own signal handling is turned off by the launcher
// (NEXT_MANUAL_SIG_HANDLE), which would otherwise close the listener at once and exit 143.
import { env } from "../../env";
import { logger } from "../../logger";
import { releaseHeldJobs, stopIngestionWorker } from "../knowledge/ingestion/ingestion-worker";
import { announceDeparture } from "../gateway/cluster/slot-ledger";
import { retireReplica } from "../cluster/replica";
import { alertDeliveriesSettled } from "../alerts/deliver-alert";
import { stopAlertEvaluation } from "../alerts/evaluate-alerts";
import { runningExchanges, startDraining, stopRunningExchanges } from "../cluster/shutdown-state";

/** After the grace, how long stopped answers get to record their failure. */
const SETTLE_MS = 5_000;
const POLL_MS = 100;
/** Signals closer together than this are one request (see installShutdownHandlers). */
const DUPLICATE_SIGNAL_MS = 2_000;

const state = globalThis as unknown as { hearthShutdownInstalled?: boolean };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function waitForExchanges(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (runningExchanges() > 0 && Date.now() < deadline) await sleep(POLL_MS);
  return runningExchanges() === 0;
}

/** Drains this replica; resolves when it may exit. The signal handler runs it once. */
export async function drainReplica(graceMs: number = env.HEARTH_SHUTDOWN_GRACE_MS): Promise<void> {
  const started = Date.now();
  startDraining();
  stopAlertEvaluation();
  logger.info({ running: runningExchanges(), graceMs }, "shutting down: draining this replica");
  const ingestion = stopIngestionWorker();
  if (!(await waitForExchanges(graceMs))) {
    logger.warn({ running: runningExchanges() }, "shutdown grace over: stopping the answers still running");
    stopRunningExchanges();
    await waitForExchanges(SETTLE_MS);
  }
  await Promise.race([
    Promise.all([ingestion, alertDeliveriesSettled()]),
    sleep(Math.max(0, graceMs - (Date.now() - started))),
  ]);
  const released = await releaseHeldJobs();
  if (released > 0) logger.info({ jobs: released }, "released ingestion jobs for other replicas");
  await retireReplica();
  if (env.admissionScope === "cluster") await announceDeparture();
  logger.info({ ms: Date.now() - started }, "shutdown complete");
}

/**
 * What a signal does: the first starts the drain, then exits 0; a duplicate within
 * DUPLICATE_SIGNAL_MS is ignored (Ctrl-C signals the whole process group, and the launcher passes
 * the signal on too: the same request twice); a later one is an operator insisting: exit 1 now.
 */
export function signalHandler(
  drain: () => Promise<void>,
  exit: (code: number) => void,
  now: () => number = Date.now,
): (signal: NodeJS.Signals) => void {
  let firstAt: number | null = null;
  return (signal) => {
    if (firstAt !== null) {
      if (now() - firstAt < DUPLICATE_SIGNAL_MS) return;
      logger.warn({ signal }, "second signal: exiting now");
      exit(1);
      return;
    }
    firstAt = now();
    drain()
      .catch((error: unknown) => logger.error({ err: error }, "shutdown failed"))
      .finally(() => exit(0));
  };
}

/** Installs the signal handlers, once per process. */
export function installShutdownHandlers(): void {
  if (state.hearthShutdownInstalled) return;
  state.hearthShutdownInstalled = true;
  const onSignal = signalHandler(
    () => drainReplica(),
    (code) => process.exit(code),
  );
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
