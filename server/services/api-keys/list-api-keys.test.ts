import { beforeEach, describe, expect, test } from "vitest";
import { listApiKeysQuerySchema } from "@/server/schemas/api-key";
import { createUserActor, master, type UserActor } from "@/server/test/actors";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

let admin: UserActor;
let keyIds: string[];

const query = (input: Record<string, unknown> = {}) => listApiKeysQuerySchema.parse(input);

beforeEach(async () => {
  admin = await createUserActor("admin");
  keyIds = [];
  for (const name of ["a", "b", "c", "d"]) {
    keyIds.push((await createApiKey(admin, { name, scope: "runtime", assistant_ids: [] })).id);
  }
});

describe("listApiKeys", () => {
  test("hides revoked keys unless include_revoked", async () => {
    const revoked = await revokeApiKey(admin, keyIds[0]!);
    expect(revoked.revoked_at).not.toBeNull();

    const active = await listApiKeys(admin, query());
    expect(active.total).toBe(3);
    expect(active.data.map((key) => key.id)).not.toContain(keyIds[0]);

    const all = await listApiKeys(admin, query({ include_revoked: "true" }));
    expect(all.total).toBe(4);
    expect(all.data.find((key) => key.id === keyIds[0])?.revoked_at).toBe(revoked.revoked_at);
  });

  test("pages with the cursor", async () => {
    const first = await listApiKeys(admin, query({ limit: 3 }));
    expect(first.data).toHaveLength(3);
    expect(first.next_cursor).not.toBeNull();
    const second = await listApiKeys(admin, query({ limit: 3, cursor: first.next_cursor }));
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((key) => key.id))).toEqual(new Set(keyIds));
  });

  test("an unknown cursor is INVALID_INPUT", async () => {
    await expect(listApiKeys(admin, query({ cursor: "key_nope" }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  test("the master key may list", async () => {
    expect((await listApiKeys(master, query())).total).toBe(4);
  });

  test.each(["operator", "viewer"] as const)("a %s may not list", async (role) => {
    const user = await createUserActor(role);
    await expect(listApiKeys(user, query())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("revokeApiKey", () => {
  test("revoking twice keeps the first revocation time", async () => {
    const first = await revokeApiKey(admin, keyIds[1]!);
    const second = await revokeApiKey(admin, keyIds[1]!);
    expect(second.revoked_at).toBe(first.revoked_at);
  });

  test("an unknown key is NOT_FOUND", async () => {
    await expect(revokeApiKey(admin, "key_nope")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "API key 'key_nope' was not found",
    });
  });

  test("an operator may not revoke", async () => {
    const operator = await createUserActor("operator");
    await expect(revokeApiKey(operator, keyIds[0]!)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
