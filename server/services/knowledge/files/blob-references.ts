// Keeps stored bytes and the file rows that refer to them in step. Every path that adds or drops
// a reference to a blob holds a per-hash advisory lock for its transaction, so an upload of the
// same bytes cannot slip between "no file refers to it" and "delete it", on one replica or many.
import { getDb, type Tx } from "../../../db/client";
import { logger } from "../../../logger";
import { getBlobStorage } from "../storage/blob-storage";

export async function lockBlob(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`hearth:blob:${sha256}`}, 0))`;
}

/** Deletes the blob when no file refers to it any more; call it inside the locked transaction. */
export async function deleteBlobIfUnreferenced(tx: Tx, sha256: string): Promise<void> {
  const references = await tx.knowledgeFile.count({ where: { sha256 } });
  if (references === 0) await getBlobStorage().delete(sha256);
}

/** For clean-up after a failure: removes whichever of these blobs no file refers to. */
export async function releaseBlobs(hashes: Iterable<string>): Promise<void> {
  for (const sha256 of new Set(hashes)) {
    try {
      await getDb().$transaction(async (tx) => {
        await lockBlob(tx, sha256);
        await deleteBlobIfUnreferenced(tx, sha256);
      });
    } catch (error) {
      logger.error({ err: error, sha256 }, "could not release an unreferenced blob");
    }
  }
}
