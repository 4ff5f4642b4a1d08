// Enabling, disabling and deleting an assistant, and the runtime's entry check that depends on it.
import { beforeEach, describe, expect, test } from "vitest";
import { createKeyActor, createUserActor, master, type UserActor } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { createAssistant } from "./create-assistant";
import { deleteAssistant } from "./delete-assistant";
import { getAssistant } from "./get-assistant";
import { requireEnabledAssistant } from "./require-enabled-assistant";
import { setAssistantEnabled } from "./set-assistant-enabled";

let operator: UserActor;

beforeEach(async () => {
  operator = await createUserActor("operator");
  await createAssistant(operator, { id: "support" });
  await createAssistant(operator, { id: "sales" });
});

describe("setAssistantEnabled", () => {
  test("disables and enables again, keeping the settings", async () => {
    const disabled = await setAssistantEnabled(operator, "support", false);
    expect(disabled.enabled).toBe(false);
    expect((await getAssistant(operator, "support")).enabled).toBe(false);
    const enabled = await setAssistantEnabled(operator, "support", true);
    expect({ ...enabled, updated_at: disabled.updated_at }).toEqual({ ...disabled, enabled: true });
  });

  test("is idempotent", async () => {
    await setAssistantEnabled(operator, "support", false);
    expect((await setAssistantEnabled(operator, "support", false)).enabled).toBe(false);
  });

  test("an unknown id is NOT_FOUND", async () => {
    await expect(setAssistantEnabled(operator, "nope", false)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a viewer may not", async () => {
    const viewer = await createUserActor("viewer");
    await expect(setAssistantEnabled(viewer, "support", false)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("deleteAssistant", () => {
  test("deletes once; the second time is NOT_FOUND", async () => {
    expect(await deleteAssistant(operator, "support")).toEqual({
      id: "support",
      object: "assistant.deleted",
      deleted: true,
    });
    await expect(getAssistant(operator, "support")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteAssistant(operator, "support")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getAssistant(operator, "sales")).id).toBe("sales");
  });

  test("a viewer may not", async () => {
    const viewer = await createUserActor("viewer");
    await expect(deleteAssistant(viewer, "support")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("requireEnabledAssistant", () => {
  test("returns an enabled assistant", async () => {
    expect((await requireEnabledAssistant(master, "support")).id).toBe("support");
  });

  test("a disabled assistant is ASSISTANT_DISABLED (409)", async () => {
    await setAssistantEnabled(operator, "support", false);
    const error = await rejectionOf(requireEnabledAssistant(master, "support"));
    expect(error).toMatchObject({ code: "ASSISTANT_DISABLED", status: 409 });
  });

  test("an unknown assistant is NOT_FOUND", async () => {
    await expect(requireEnabledAssistant(master, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a runtime key limited to some assistants is FORBIDDEN for the others", async () => {
    const { actor } = await createKeyActor("runtime", ["support"]);
    expect((await requireEnabledAssistant(actor, "support")).id).toBe("support");
    await expect(requireEnabledAssistant(actor, "sales")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("permission comes before existence: a limited key learns nothing about other ids", async () => {
    const { actor } = await createKeyActor("runtime", ["support"]);
    await expect(requireEnabledAssistant(actor, "nope")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("an unrestricted runtime key may use every assistant", async () => {
    const { actor } = await createKeyActor("runtime");
    expect((await requireEnabledAssistant(actor, "sales")).id).toBe("sales");
  });

  test.each([["a viewer", "viewer"]] as const)("%s may not use the runtime", async (_case, role) => {
    const user = await createUserActor(role);
    await expect(requireEnabledAssistant(user, "support")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("anonymous is UNAUTHORIZED", async () => {
    await expect(requireEnabledAssistant({ kind: "anonymous" }, "support")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
