import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { createApiKeyInputSchema } from "@/server/schemas/api-key";
import { createUserActor, master, type UserActor } from "@/server/test/actors";
import { hashSecret } from "./api-key-secret";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";

let admin: UserActor;

beforeEach(async () => {
  admin = await createUserActor("admin");
});

describe("createApiKey", () => {
  test("returns the secret once, with the hth_ prefix, and stores only its SHA-256", async () => {
    const created = await createApiKey(admin, { name: "CI", scope: "admin", assistant_ids: [] });
    expect(created).toMatchObject({
      object: "api_key",
      name: "CI",
      scope: "admin",
      assistant_ids: [],
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    });
    expect(created.id).toMatch(/^key_[0-9a-f]{24}$/);
    expect(created.key).toMatch(/^hth_[A-Za-z0-9_-]{40}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix).toHaveLength(12);

    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashSecret(created.key));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.createdById).toBe(admin.userId);
    // The secret appears nowhere in the stored row, in any column.
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(JSON.stringify(row)).not.toContain(created.key.slice(12));
  });

  test("a later listing shows the prefix but never the secret", async () => {
    const created = await createApiKey(admin, { name: "CI", scope: "admin", assistant_ids: [] });
    const listed = await listApiKeys(admin, { limit: 20, include_revoked: false });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).not.toHaveProperty("key");
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  test("each key is different", async () => {
    const keys = await Promise.all(
      [1, 2, 3].map((n) => createApiKey(admin, { name: `k${n}`, scope: "runtime", assistant_ids: [] })),
    );
    expect(new Set(keys.map((key) => key.key)).size).toBe(3);
  });

  test("a runtime key keeps its assistant list", async () => {
    const created = await createApiKey(admin, {
      name: "widget",
      scope: "runtime",
      assistant_ids: ["support", "sales"],
    });
    expect(created.assistant_ids).toEqual(["support", "sales"]);
  });

  test("a future expiry is kept", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await createApiKey(admin, {
      name: "temp",
      scope: "runtime",
      assistant_ids: [],
      expires_at: expiresAt,
    });
    expect(created.expires_at).toBe(expiresAt);
  });

  test("an expiry in the past is INVALID_INPUT and stores nothing", async () => {
    await expect(
      createApiKey(admin, {
        name: "old",
        scope: "admin",
        assistant_ids: [],
        expires_at: new Date(Date.now() - 1000).toISOString(),
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "expires_at must be in the future" });
    expect(await getDb().apiKey.count()).toBe(0);
  });

  test("a key made with the master key has no creator", async () => {
    const created = await createApiKey(master, { name: "bootstrap", scope: "admin", assistant_ids: [] });
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.createdById).toBeNull();
  });

  test.each(["operator", "viewer"] as const)("a %s may not create keys", async (role) => {
    const user = await createUserActor(role);
    await expect(createApiKey(user, { name: "x", scope: "admin", assistant_ids: [] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("createApiKeyInputSchema", () => {
  test.each([
    ["assistant_ids on an admin key", { name: "k", scope: "admin", assistant_ids: ["support"] }],
    ["an unknown scope", { name: "k", scope: "root" }],
    ["an empty name", { name: "  ", scope: "admin" }],
    ["an expiry that is not ISO 8601", { name: "k", scope: "admin", expires_at: "tomorrow" }],
    ["an unknown field", { name: "k", scope: "admin", hash: "abc" }],
  ])("rejects %s", (_case, input) => {
    expect(createApiKeyInputSchema.safeParse(input).success).toBe(false);
  });

  test("defaults assistant_ids to empty", () => {
    expect(createApiKeyInputSchema.parse({ name: "k", scope: "runtime" }).assistant_ids).toEqual([]);
  });
});
