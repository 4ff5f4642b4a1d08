import { getDb } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { hashSecret, sameHash, visiblePrefix } from "./api-key-secret";

// Last-used times are written at most once a minute per key, to keep hot paths free of writes.
const LAST_USED_RESOLUTION_MS = 60_000;

const invalidKey = () => new AppError("UNAUTHORIZED", "Invalid, revoked or expired API key");

/** Resolves a bearer secret to the caller it stands for, or throws UNAUTHORIZED. */
export async function authenticateApiKey(secret: string): Promise<Actor> {
  const hash = hashSecret(secret);
  if (env.HEARTH_MASTER_KEY && sameHash(hash, hashSecret(env.HEARTH_MASTER_KEY))) {
    return { kind: "master" };
  }
  const candidates = await getDb().apiKey.findMany({ where: { prefix: visiblePrefix(secret) } });
  const row = candidates.find((candidate) => sameHash(candidate.hash, hash));
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) throw invalidKey();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await getDb().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { kind: "api_key", keyId: row.id, scope: row.scope, assistantIds: row.assistantIds };
}
