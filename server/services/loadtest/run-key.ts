// The short-lived API key a run's virtual users authenticate with: a runtime key for the one
// assistant under test, stored hashed like every other key, and deleted when the run ends (or
// when an interrupted run is cleaned up). Its expiry bounds it even if nobody cleans up.
import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import { logger } from "../../logger";
import { forgetApiKey } from "../api-keys/authenticate-api-key";
import { generateApiKeySecret } from "../api-keys/api-key-secret";

const KEY_LIFETIME_MS = 24 * 3600_000;

export async function createRunKey(
  runId: string,
  assistantId: string,
): Promise<{ id: string; secret: string }> {
  const { key, prefix, hash } = generateApiKeySecret();
  const id = `key_${randomBytes(12).toString("hex")}`;
  await getDb().apiKey.create({
    data: {
      id,
      name: `Load test ${runId}`,
      prefix,
      hash,
      scope: "runtime",
      assistantIds: [assistantId],
      expiresAt: new Date(Date.now() + KEY_LIFETIME_MS),
    },
  });
  return { id, secret: key };
}

/** Deletes the run's key; this replica forgets it at once, the others within their cache time. */
export async function deleteRunKey(keyId: string): Promise<void> {
  const row = await getDb().apiKey.findUnique({ where: { id: keyId }, select: { hash: true } });
  if (!row) return;
  await getDb().apiKey.deleteMany({ where: { id: keyId } });
  forgetApiKey(row.hash);
}

export async function deleteRunKeyQuietly(keyId: string | null): Promise<void> {
  if (!keyId) return;
  await deleteRunKey(keyId).catch((error: unknown) =>
    logger.warn({ err: error, keyId }, "could not delete a load test's API key"),
  );
}
