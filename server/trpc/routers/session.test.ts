import { expect, test } from "vitest";
import { anonymous, createUserActor, master } from "@/server/test/actors";
import { callerFor } from "@/server/test/trpc";

const input = { name: "First", email: "first@example.test", password: "a long enough password" };

test("me: nobody signed in, setup open", async () => {
  expect(await callerFor(anonymous).session.me()).toEqual({ actor: null, needsSetup: true });
});

test("me: a signed-in user, setup closed", async () => {
  const viewer = await createUserActor("viewer");
  expect(await callerFor(viewer).session.me()).toEqual({ actor: viewer, needsSetup: false });
});

test("me: API keys are not console users", async () => {
  expect((await callerFor(master).session.me()).actor).toBeNull();
});

test("setup works once for anonymous callers, then is FORBIDDEN", async () => {
  const caller = callerFor(anonymous);
  expect(await caller.session.setup(input)).toMatchObject({ email: "first@example.test", role: "admin" });
  expect((await caller.session.me()).needsSetup).toBe(false);
  await expect(caller.session.setup({ ...input, email: "second@example.test" })).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
});

test("setup does not accept a role", async () => {
  await expect(
    callerFor(anonymous).session.setup({ ...input, role: "viewer" } as typeof input),
  ).rejects.toMatchObject({ code: "BAD_REQUEST" });
});
