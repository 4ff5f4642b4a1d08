// A store's activity clock: using it (an upload, a search, an answer drawing on it) moves
// `last_active_at`, and with it the expiry of a store that expires after a period of disuse.
// Written at most once a minute per store, so busy stores cost no write per question.
import { getDb, type VectorStore } from "../../../db/client";

const MIN_INTERVAL_MS = 60_000;

export async function touchStore(store: Pick<VectorStore, "id" | "lastActiveAt" | "expiresAfterDays">) {
  const now = new Date();
  if (now.getTime() - store.lastActiveAt.getTime() < MIN_INTERVAL_MS) return;
  await getDb().vectorStore.updateMany({
    where: { id: store.id },
    data: {
      lastActiveAt: now,
      ...(store.expiresAfterDays
        ? { expiresAt: new Date(now.getTime() + store.expiresAfterDays * 86_400_000) }
        : {}),
    },
  });
}
