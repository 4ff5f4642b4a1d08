import { TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, test } from "vitest";
import { AppError } from "@/server/errors";
import type { CreateAssistantInput } from "@/server/schemas/assistant";
import { anonymous, createKeyActor, createUserActor } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

let operator: ReturnType<typeof callerFor>;
let viewer: ReturnType<typeof callerFor>;

beforeEach(async () => {
  operator = callerFor(await createUserActor("operator"));
  viewer = callerFor(await createUserActor("viewer"));
});

describe("assistants router", () => {
  test("create, get, list, update, disable, delete", async () => {
    const created = await operator.assistants.create({ id: "support", name: "Support" });
    expect(created).toMatchObject({ id: "support", name: "Support", enabled: true });
    expect(await viewer.assistants.get({ id: "support" })).toEqual(created);

    const auto = await operator.assistants.createAuto({ name: "Sales" });
    expect(auto.id).toBe("sales");

    const list = await viewer.assistants.list({ q: "SUPP" });
    expect(list.data.map((assistant) => assistant.id)).toEqual(["support"]);
    expect(list.total).toBe(1);

    const updated = await operator.assistants.update({
      id: "support",
      patch: { generation: { temperature: 0.3 } },
    });
    expect(updated.generation.temperature).toBe(0.3);

    expect((await operator.assistants.setEnabled({ id: "support", enabled: false })).enabled).toBe(false);
    expect((await viewer.assistants.list({ enabled: false })).data).toHaveLength(1);

    expect(await operator.assistants.delete({ id: "support" })).toMatchObject({ deleted: true });
  });
});

describe("errors map to tRPC codes", () => {
  const cases: [string, () => Promise<unknown>, TRPCError["code"], string][] = [
    ["NOT_FOUND", () => viewer.assistants.get({ id: "nope" }), "NOT_FOUND", "NOT_FOUND"],
    ["FORBIDDEN", () => viewer.assistants.create({ id: "support" }), "FORBIDDEN", "FORBIDDEN"],
    [
      "INVALID_INPUT from a service",
      () => operator.assistants.create({ id: "x", rag: { chunking: { chunk_overlap_tokens: 500 } } }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    ],
    [
      "INVALID_INPUT from a bad cursor",
      () => viewer.assistants.list({ cursor: "nope" }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    ],
  ];

  test.each(cases)("%s", async (_case, call, trpcCode, appCode) => {
    const error = await rejectionOf<TRPCError>(call());
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe(trpcCode);
    expect(error.cause).toBeInstanceOf(AppError);
    expect(error.cause).toMatchObject({ code: appCode });
  });

  test("CONFLICT on a duplicate id", async () => {
    await operator.assistants.create({ id: "support" });
    await expect(operator.assistants.create({ id: "support" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  test("a disabled assistant stays readable through the admin procedures", async () => {
    await operator.assistants.create({ id: "support", enabled: false });
    expect((await viewer.assistants.get({ id: "support" })).enabled).toBe(false);
  });

  test.each([
    ["the reserved id 'auto'", { id: "auto" }, "id"],
    ["an unknown field", { id: "support", colour: "red" }, ""],
    ["a wrong type", { id: "support", generation: { temperature: "hot" } }, "generation.temperature"],
  ])("BAD_REQUEST for invalid input: %s", async (_case, input, path) => {
    const error = await rejectionOf<TRPCError>(operator.assistants.create(input as CreateAssistantInput));
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(error.cause).toMatchObject({ code: "INVALID_INPUT" });
    expect((error.cause as AppError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path })]),
    );
  });

  test.each([
    ["list", () => callerFor(anonymous).assistants.list({})],
    ["get", () => callerFor(anonymous).assistants.get({ id: "support" })],
    ["create", () => callerFor(anonymous).assistants.create({ id: "support" })],
    ["delete", () => callerFor(anonymous).assistants.delete({ id: "support" })],
  ])("UNAUTHORIZED for anonymous callers: %s", async (_case, call) => {
    await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("a runtime key cannot use the admin procedures", async () => {
    const runtime = callerFor((await createKeyActor("runtime")).actor);
    await expect(runtime.assistants.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
