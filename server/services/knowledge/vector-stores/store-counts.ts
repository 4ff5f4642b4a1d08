import { getDb } from "../../../db/client";
import type { StoreCounts } from "../knowledge-dto";

const empty = (): StoreCounts => ({ in_progress: 0, completed: 0, failed: 0, cancelled: 0, usageBytes: 0 });

/** File counts by status and indexed bytes of each store, in one grouped query. */
export async function countStoreFiles(storeIds: string[]): Promise<Map<string, StoreCounts>> {
  const counts = new Map(storeIds.map((id) => [id, empty()]));
  if (storeIds.length === 0) return counts;
  const groups = await getDb().vectorStoreFile.groupBy({
    by: ["vectorStoreId", "status"],
    where: { vectorStoreId: { in: storeIds } },
    _count: { _all: true },
    _sum: { usageBytes: true },
  });
  for (const group of groups) {
    const entry = counts.get(group.vectorStoreId) ?? empty();
    entry[group.status] += group._count._all;
    entry.usageBytes += group._sum.usageBytes ?? 0;
    counts.set(group.vectorStoreId, entry);
  }
  return counts;
}
