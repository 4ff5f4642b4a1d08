import { beforeEach, describe, expect, test, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { NO_QUOTAS } from "@/server/schemas/quotas";
import { createUserActor, type UserActor } from "@/server/test/actors";
import { TEST_MASTER_KEY } from "@/server/test/test-env";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

let admin: UserActor;

beforeEach(async () => {
  admin = await createUserActor("admin");
});

const unauthorized = { code: "UNAUTHORIZED", message: "Invalid, revoked or expired API key" };

describe("authenticateApiKey", () => {
  test("resolves a key to its actor and records when it was used", async () => {
    const created = await createApiKey(admin, { name: "w", scope: "runtime", assistant_ids: ["support"] });
    const before = Date.now();
    expect(await authenticateApiKey(created.key)).toEqual({
      kind: "api_key",
      keyId: created.id,
      scope: "runtime",
      assistantIds: ["support"],
      quotas: NO_QUOTAS,
    });
    // Written off the request's path: poll for it rather than expect it at once.
    const lastUsedAt = await vi.waitFor(async () => {
      const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.lastUsedAt).not.toBeNull();
      return row.lastUsedAt!;
    });
    expect(lastUsedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  test("does not rewrite lastUsedAt on every request", async () => {
    const created = await createApiKey(admin, { name: "w", scope: "admin", assistant_ids: [] });
    await authenticateApiKey(created.key);
    const first = await vi.waitFor(async () => {
      const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.lastUsedAt).not.toBeNull();
      return row;
    });
    await authenticateApiKey(created.key);
    const second = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(second.lastUsedAt).toEqual(first.lastUsedAt);
  });

  test("the master key is the master actor", async () => {
    expect(await authenticateApiKey(TEST_MASTER_KEY)).toEqual({ kind: "master" });
  });

  test("a revoked key is UNAUTHORIZED", async () => {
    const created = await createApiKey(admin, { name: "w", scope: "admin", assistant_ids: [] });
    await revokeApiKey(admin, created.id);
    await expect(authenticateApiKey(created.key)).rejects.toMatchObject(unauthorized);
  });

  test("an expired key is UNAUTHORIZED", async () => {
    const created = await createApiKey(admin, {
      name: "w",
      scope: "admin",
      assistant_ids: [],
      expires_at: new Date(Date.now() + 60_000).toISOString(),
    });
    await getDb().apiKey.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(authenticateApiKey(created.key)).rejects.toMatchObject(unauthorized);
  });

  test.each([
    ["an unknown key", "hth_thisKeyWasNeverIssued0000000000000000000"],
    ["an empty string", ""],
    ["almost the master key", `${TEST_MASTER_KEY}x`],
  ])("%s is UNAUTHORIZED", async (_case, secret) => {
    await expect(authenticateApiKey(secret)).rejects.toMatchObject(unauthorized);
  });

  test("a key that shares the visible prefix but not the secret is UNAUTHORIZED", async () => {
    const created = await createApiKey(admin, { name: "w", scope: "admin", assistant_ids: [] });
    const forged = `${created.prefix}${"A".repeat(created.key.length - created.prefix.length)}`;
    await expect(authenticateApiKey(forged)).rejects.toMatchObject(unauthorized);
  });
});
