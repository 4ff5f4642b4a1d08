// Keeps the read caches of several replicas in step: a forget on one replica (a key revoked, an
// assistant or backend changed, a setting saved) is published on a PostgreSQL channel, and every
// other replica forgets the same entry when the notice arrives, within milliseconds instead of the
// caches' 5-second TTL. The notice is sent again a second later, in case the first went out before
// the writer's transaction committed and a reader cached the old row in between. A lost
// connection empties every cache, since notices sent meanwhile are gone.
import { getPool } from "../../db/client";
import { listen } from "../../db/notifications";
import { logger } from "../../logger";
import { replicaId } from "../cluster/replica";
import { clearReadCaches, forgetLocally, setForgetPublisher } from "./read-cache";

export const CACHE_CHANNEL = "hearth_cache";
const REPEAT_AFTER_MS = 1_000;

interface ForgetNotice {
  from: string;
  name: string;
  key: string | null;
}

function publish(notice: ForgetNotice): void {
  getPool()
    .query("SELECT pg_notify($1, $2)", [CACHE_CHANNEL, JSON.stringify(notice)])
    .catch((error: unknown) => logger.warn({ err: error }, "could not publish a cache change"));
}

function receive(payload: string): void {
  try {
    const notice = JSON.parse(payload) as ForgetNotice;
    if (notice.from === replicaId() || typeof notice.name !== "string") return;
    forgetLocally(notice.name, typeof notice.key === "string" ? notice.key : null);
  } catch {
    logger.warn({ payload: payload.slice(0, 200) }, "ignored a malformed cache notice");
  }
}

/** Publishes this replica's forgets and applies the others'; for a PostgreSQL server only. */
export async function startCacheSync(): Promise<void> {
  await listen(CACHE_CHANNEL, receive, clearReadCaches);
  setForgetPublisher((name, key) => {
    const notice = { from: replicaId(), name, key };
    publish(notice);
    setTimeout(() => publish(notice), REPEAT_AFTER_MS).unref();
  });
}
