// Every change a person or key makes leaves an audit event: who, from where (address and request
// id carried on the actor), what, and the fields that changed — never a secret.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { createUserActor, type UserActor } from "../../test/actors";
import { HANDBOOK_MD, uploadAndIngest } from "../../test/knowledge";
import type { Actor } from "../access/actor";
import { createApiKey } from "../api-keys/create-api-key";
import { revokeApiKey } from "../api-keys/revoke-api-key";
import { createAssistant } from "../assistants/create-assistant";
import { createBackend } from "../backends/create-backend";
import { deleteBackend } from "../backends/delete-backend";
import { updateBackend } from "../backends/update-backend";
import { updateInstanceSettings } from "../settings/update-instance-settings";
import { deleteAssistant } from "../assistants/delete-assistant";
import { setAssistantEnabled } from "../assistants/set-assistant-enabled";
import { updateAssistant } from "../assistants/update-assistant";
import { deleteFile } from "../knowledge/files/delete-file";
import { createVectorStore } from "../knowledge/vector-stores/create-vector-store";
import { deleteVectorStore } from "../knowledge/vector-stores/delete-vector-store";
import { updateVectorStore } from "../knowledge/vector-stores/update-vector-store";
import { createUser } from "../users/create-user";
import { deleteUser } from "../users/delete-user";
import { updateUserRole } from "../users/update-user-role";
import { updateWidget } from "../widget/update-widget";
import { changedFields, REDACTED, redactSecrets } from "./redact";

let admin: UserActor & { via: { clientAddress: string; requestId: string } };

beforeEach(async () => {
  admin = {
    ...(await createUserActor("admin")),
    via: { clientAddress: "192.0.2.44", requestId: "req-audit-1" },
  };
});

const events = () => getDb().auditEvent.findMany({ orderBy: { id: "asc" } });

describe("the trail", () => {
  test("assistants: create, update (only what changed), disable, delete", async () => {
    await createAssistant(admin, { id: "support", name: "Support" });
    await updateAssistant(admin, "support", { name: "Helpdesk" });
    await setAssistantEnabled(admin, "support", false);
    await deleteAssistant(admin, "support");
    const trail = await events();
    expect(trail.map((event) => event.action)).toEqual([
      "assistant.create",
      "assistant.update",
      "assistant.disable",
      "assistant.delete",
    ]);
    for (const event of trail) {
      expect(event).toMatchObject({
        actor: `user:${admin.userId}`,
        actorLabel: admin.email,
        targetType: "assistant",
        targetId: "support",
        outcome: "success",
        clientAddress: "192.0.2.44",
        requestId: "req-audit-1",
      });
    }
    expect(trail[1]?.changes).toEqual({ before: { name: "Support" }, after: { name: "Helpdesk" } });
    expect(trail[3]?.changes).toMatchObject({ before: { name: "Helpdesk" } });
  });

  test("API keys: the secret is never in the event", async () => {
    const created = await createApiKey(admin, { name: "ci", scope: "runtime", assistant_ids: [] });
    await revokeApiKey(admin, created.id);
    await revokeApiKey(admin, created.id); // a second revocation changes nothing: no event
    const trail = await events();
    expect(trail.map((event) => event.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect(JSON.stringify(trail)).not.toContain(created.key);
  });

  test("users and roles: no password, in the same transaction as the change", async () => {
    const user = await createUser(admin, {
      name: "Olive",
      email: "olive@example.test",
      password: "pale-lantern-orbit-42",
      role: "viewer",
    });
    await updateUserRole(admin, { id: user.id, role: "operator" });
    await deleteUser(admin, user.id);
    const trail = await events();
    expect(trail.map((event) => [event.action, event.targetId])).toEqual([
      ["user.create", user.id],
      ["user.role_change", user.id],
      ["user.delete", user.id],
    ]);
    expect(trail[1]?.changes).toEqual({
      before: { email: "olive@example.test", role: "viewer" },
      after: { email: "olive@example.test", role: "operator" },
    });
    expect(JSON.stringify(trail)).not.toContain("pale-lantern");
  });

  test("a change that fails leaves no event", async () => {
    const viewer: Actor = await createUserActor("viewer");
    await expect(createAssistant(viewer, { id: "nope" })).rejects.toThrow();
    await expect(updateAssistant(admin, "missing", { name: "x" })).rejects.toThrow();
    expect(await events()).toEqual([]);
  });

  test("knowledge and the widget", async () => {
    await createAssistant(admin, { id: "support" });
    const [file] = await uploadAndIngest(admin, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    const store = await createVectorStore(admin, "support", {
      name: "Extra",
      file_ids: [],
      chunking_strategy: { type: "auto" },
      expires_after: null,
      metadata: {},
    });
    await updateVectorStore(admin, "support", store.id, { name: "Renamed" });
    await deleteVectorStore(admin, "support", store.id);
    await deleteFile(admin, "support", file!.id);
    await updateWidget(admin, "support", { enabled: true, allowed_origins: ["https://shop.example.com"] });
    const trail = await events();
    expect(trail.map((event) => event.action)).toEqual([
      "assistant.create",
      "file.upload",
      "vector_store.create",
      "vector_store.update",
      "vector_store.delete",
      "file.delete",
      "widget.update",
    ]);
    expect(trail[1]?.changes).toMatchObject({ after: { filename: "handbook.md", assistant_id: "support" } });
    expect(trail[3]?.changes).toEqual({ before: { name: "Extra" }, after: { name: "Renamed" } });
    expect(trail[6]?.changes).toEqual({
      before: { enabled: false, allowed_origins: [] },
      after: { enabled: true, allowed_origins: ["https://shop.example.com"] },
    });
  });
});

describe("backends and settings", () => {
  test("a backend's key is never in the trail, only that it was set", async () => {
    const backend = await createBackend(admin, {
      name: "vllm-a",
      kind: "openai_compatible",
      base_url: "http://127.0.0.1:9/v1",
      models: ["gpt-oss-20b"],
      api_key: "sk-very-secret-backend-key",
    });
    await updateBackend(admin, backend.id, { max_concurrency: 4, api_key: "sk-another-secret-key" });
    await deleteBackend(admin, backend.id);
    await updateInstanceSettings(admin, { default_model: "gpt-oss-120b" });
    const trail = await events();
    expect(trail.map((event) => event.action)).toEqual([
      "backend.create",
      "backend.update",
      "backend.delete",
      "settings.update",
    ]);
    expect(trail[1]?.changes).toEqual({
      before: { max_concurrency: 16 },
      after: { max_concurrency: 4 },
      key_change: "replaced",
    });
    expect(trail[3]?.changes).toEqual({
      before: { default_model: null },
      after: { default_model: "gpt-oss-120b" },
    });
    expect(JSON.stringify(trail)).not.toMatch(/very-secret|another-secret/);
  });
});

describe("redaction", () => {
  test("replaces secrets by their field names, at any depth", () => {
    expect(
      redactSecrets({
        api_key: "sk-1",
        api_key_env: "HEARTH_BACKEND_KEY_A",
        has_api_key: true,
        nested: [{ password: "p", newPassword: "q", token: "t", name: "n" }],
        key: "hth_secret",
        prefix: "hth_abcd",
        cleared: null,
      }),
    ).toEqual({
      api_key: REDACTED,
      api_key_env: "HEARTH_BACKEND_KEY_A",
      has_api_key: true,
      nested: [{ password: REDACTED, newPassword: REDACTED, token: REDACTED, name: "n" }],
      key: REDACTED,
      prefix: "hth_abcd",
      cleared: null,
    });
  });

  test("keeps only the fields that changed", () => {
    expect(
      changedFields({ a: 1, b: [1], updated_at: "x" }, { a: 1, b: [2], updated_at: "y", c: true }),
    ).toEqual({
      before: { b: [1] },
      after: { b: [2], c: true },
    });
  });
});
