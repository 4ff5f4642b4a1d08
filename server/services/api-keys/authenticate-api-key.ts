import { getDb, type ApiKey } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { quotasOf } from "../../schemas/quotas";
import type { Actor } from "../access/actor";
import { createReadCache } from "../cache/read-cache";
import { hashSecret, sameHash, visiblePrefix } from "./api-key-secret";

// Last-used times are written at most once a minute per key, off the request's path.
const LAST_USED_RESOLUTION_MS = 60_000;

const keysByHash = createReadCache<ApiKey | null>("api-keys");
const lastUsedWritten = new Map<string, number>();

const invalidKey = () => new AppError("UNAUTHORIZED", "Invalid, revoked or expired API key");

/** Forgets a key on this replica at once (after revocation). */
export function forgetApiKey(hash: string): void {
  keysByHash.forget(hash);
}

async function findKey(secret: string, hash: string): Promise<ApiKey | null> {
  // Looked up by the non-secret prefix, then compared in constant time.
  const candidates = await getDb().apiKey.findMany({ where: { prefix: visiblePrefix(secret) } });
  return candidates.find((candidate) => sameHash(candidate.hash, hash)) ?? null;
}

function recordUse(row: ApiKey, now: number): void {
  const last = Math.max(row.lastUsedAt?.getTime() ?? 0, lastUsedWritten.get(row.id) ?? 0);
  if (now - last < LAST_USED_RESOLUTION_MS) return;
  lastUsedWritten.set(row.id, now);
  getDb()
    .apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => logger.warn({ err: error, keyId: row.id }, "could not record API key use"));
}

/** Resolves a bearer secret to the caller it stands for, or throws UNAUTHORIZED. */
export async function authenticateApiKey(secret: string): Promise<Actor> {
  const hash = hashSecret(secret);
  if (env.HEARTH_MASTER_KEY && sameHash(hash, hashSecret(env.HEARTH_MASTER_KEY))) {
    return { kind: "master" };
  }
  const row = await keysByHash.get(hash, () => findKey(secret, hash));
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) throw invalidKey();
  recordUse(row, now);
  return {
    kind: "api_key",
    keyId: row.id,
    scope: row.scope,
    assistantIds: row.assistantIds,
    quotas: quotasOf(row.quotas),
  };
}
