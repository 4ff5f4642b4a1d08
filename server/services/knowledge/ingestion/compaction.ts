// Compaction of LanceDB tables, off the request path: every insert or delete adds a fragment,
// and many small fragments slow searches down. A table is optimized once writes to it have been
// quiet for a while (debounced per table), in the background; its writes are serialized with the
// optimization by the index itself.
import { logger } from "../../../logger";
import { getIndex } from "../knowledge-adapters";

const QUIET_MS = 10_000;
const pending = new Map<string, NodeJS.Timeout>();

export function scheduleCompaction(table: string, quietMs = QUIET_MS): void {
  clearTimeout(pending.get(table));
  const timer = setTimeout(() => {
    pending.delete(table);
    getIndex()
      .optimize(table)
      .catch((error: unknown) => logger.warn({ err: error, table }, "could not compact a vector table"));
  }, quietMs);
  timer.unref();
  pending.set(table, timer);
}
