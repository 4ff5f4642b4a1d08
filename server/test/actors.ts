// Callers for tests: plain actors for pure policy checks, and actors backed by real rows (users,
// API keys) for services that record who did what. Users made here have no password; tests that
// sign in create theirs through the users service.
import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import { anonymous, system, type Actor, type ApiKeyScope, type Role } from "../services/access/actor";
import { createApiKey } from "../services/api-keys/create-api-key";

export type UserActor = Extract<Actor, { kind: "user" }>;
export type KeyActor = Extract<Actor, { kind: "api_key" }>;

export { anonymous, system as master };

/** An actor with no row behind it, for pure permission checks. */
export function userActor(role: Role, userId = `user-${role}`): UserActor {
  return { kind: "user", userId, email: `${role}@example.test`, role };
}

export function keyActor(scope: ApiKeyScope, assistantIds: string[] = []): KeyActor {
  return { kind: "api_key", keyId: `key-${scope}`, scope, assistantIds };
}

/** A console user row with the given role, and the actor a session for it resolves to. */
export async function createUserActor(role: Role, email?: string): Promise<UserActor> {
  const id = randomUUID();
  const row = await getDb().user.create({
    data: { id, name: `Test ${role}`, email: email ?? `${role}-${id.slice(0, 8)}@example.test`, role },
  });
  return { kind: "user", userId: row.id, email: row.email, role };
}

/** A stored API key: its secret (for Authorization headers) and the actor it stands for. */
export async function createKeyActor(
  scope: ApiKeyScope,
  assistantIds: string[] = [],
): Promise<{ secret: string; actor: KeyActor }> {
  const created = await createApiKey(system, {
    name: `test ${scope} key`,
    scope,
    assistant_ids: assistantIds,
  });
  return {
    secret: created.key,
    actor: { kind: "api_key", keyId: created.id, scope, assistantIds, quotas: created.quotas },
  };
}

/** One of each kind of caller, backed by rows in the (freshly reset) database. */
export async function seedActors() {
  const [admin, operator, viewer, adminKey, runtimeKey] = await Promise.all([
    createUserActor("admin"),
    createUserActor("operator"),
    createUserActor("viewer"),
    createKeyActor("admin"),
    createKeyActor("runtime"),
  ]);
  return { admin, operator, viewer, adminKey, runtimeKey, master: system, anonymous };
}

export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}
