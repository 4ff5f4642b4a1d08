// The blob sweeper: removes stored bytes that no file row refers to. Uploads store bytes before
// the transaction that writes the rows, so a process that dies in between leaves a blob nobody
// references; deletes remove bytes under the same per-hash lock, so nothing else leaks. Every
// replica sweeps hourly from start-up (timers never keep the process alive); a blob younger than
// the grace period is left alone, because its upload may still be committing, and each deletion
// re-checks the references under the blob's lock, so replicas sweeping together only repeat work.
import { getDb } from "../../../db/client";
import { logger } from "../../../logger";
import { getBlobStorage } from "../storage/blob-storage";
import type { BlobStorage } from "../storage/blob-store";
import { deleteBlobIfUnreferenced, lockBlob } from "./blob-references";

const SWEEP_INTERVAL_MS = 60 * 60_000;
/** Longer than any upload's store-then-commit window. */
export const SWEEP_GRACE_MS = 60 * 60_000;
const CHECK_BATCH = 500;

const state = globalThis as unknown as { hearthBlobSweeper?: NodeJS.Timeout };

/** Deletes the unreferenced blobs older than the grace period; returns their hashes. */
export async function sweepBlobs(
  storage: BlobStorage = getBlobStorage(),
  now = new Date(),
  graceMs = SWEEP_GRACE_MS,
): Promise<string[]> {
  const swept: string[] = [];
  let batch: string[] = [];
  const flush = async () => {
    const referenced = await getDb().knowledgeFile.findMany({
      where: { sha256: { in: batch } },
      select: { sha256: true },
      distinct: ["sha256"],
    });
    const kept = new Set(referenced.map((row) => row.sha256));
    for (const sha256 of batch.filter((hash) => !kept.has(hash))) {
      const deleted = await getDb().$transaction(async (tx) => {
        await lockBlob(tx, sha256);
        if ((await tx.knowledgeFile.count({ where: { sha256 } })) > 0) return false;
        await deleteBlobIfUnreferenced(tx, sha256);
        return true;
      });
      if (deleted) swept.push(sha256);
    }
    batch = [];
  };
  for await (const blob of storage.list()) {
    if (now.getTime() - blob.modifiedAt.getTime() < graceMs) continue;
    batch.push(blob.sha256);
    if (batch.length >= CHECK_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  if (swept.length > 0)
    logger.info({ count: swept.length, storage: storage.location }, "swept unreferenced blobs");
  return swept;
}

/** Sweeps now and every hour after, once per process. */
export function startBlobSweeper(): void {
  if (state.hearthBlobSweeper) return;
  const tick = () =>
    sweepBlobs().catch((error: unknown) =>
      logger.error({ err: error }, "sweeping unreferenced blobs failed"),
    );
  void tick();
  state.hearthBlobSweeper = setInterval(() => void tick(), SWEEP_INTERVAL_MS);
  state.hearthBlobSweeper.unref();
}
