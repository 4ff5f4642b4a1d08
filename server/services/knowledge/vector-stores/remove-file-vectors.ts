// Removes a file's vectors from stores' LanceDB tables after its rows are gone. A failure here
// is logged rather than raised: the rows are already deleted, and search drops any hit whose file
// no longer exists, so a leftover vector is never shown; the next re-index of the store clears it.
import { logger } from "../../../logger";
import { getIndex, storeTable } from "../knowledge-adapters";

export async function removeFileVectors(fileId: string, stores: { id: string; generation: number }[]) {
  for (const store of stores) {
    try {
      await getIndex().deleteFile(storeTable(store), fileId);
    } catch (error) {
      logger.error({ err: error, fileId, store: store.id }, "could not delete a file's vectors");
    }
  }
}
