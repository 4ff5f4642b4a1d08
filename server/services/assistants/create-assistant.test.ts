import { beforeEach, describe, expect, test } from "vitest";
import { env } from "@/server/env";
import { createAssistantInputSchema } from "@/server/schemas/assistant";
import { createUserActor, type UserActor } from "@/server/test/actors";
import { createAssistant } from "./create-assistant";
import { slugForId } from "./assistant-ids";
import { createAssistantAuto } from "./create-assistant-auto";
import { getAssistant } from "./get-assistant";

let operator: UserActor;

beforeEach(async () => {
  operator = await createUserActor("operator");
});

describe("createAssistant", () => {
  test("applies the documented defaults", async () => {
    const created = await createAssistant(operator, { id: "support" });
    expect(created).toMatchObject({
      id: "support",
      object: "assistant",
      name: "support",
      description: "",
      instructions: "",
      model: env.defaultModel,
      generation: { temperature: null, top_p: null, max_output_tokens: null, reasoning_effort: "medium" },
      rag: {
        top_k: 5,
        score_threshold: 0.3,
        mode: "forward_when_no_context",
        chunking: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 },
      },
      sla: { avg_ms: 90000, p95_ms: null, ttft_ms: null },
      metadata: {},
      enabled: true,
    });
    expect(Date.parse(created.created_at)).not.toBeNaN();
    expect(await getAssistant(operator, "support")).toEqual(created);
  });

  test("keeps every explicit setting", async () => {
    const created = await createAssistant(operator, {
      id: "sales_bot-2",
      name: "Sales bot",
      description: "Answers pricing questions",
      instructions: "Be brief.",
      model: "gpt-oss-120b",
      generation: { temperature: 0.2, top_p: 0.9, max_output_tokens: 512, reasoning_effort: "high" },
      rag: {
        top_k: 8,
        score_threshold: 0.5,
        mode: "knowledge_only",
        chunking: { max_chunk_size_tokens: 1000 },
      },
      sla: { avg_ms: 5000, p95_ms: 12000, ttft_ms: 800 },
      metadata: { team: "sales" },
      enabled: false,
    });
    expect(created).toMatchObject({
      id: "sales_bot-2",
      name: "Sales bot",
      model: "gpt-oss-120b",
      generation: { temperature: 0.2, top_p: 0.9, max_output_tokens: 512, reasoning_effort: "high" },
      rag: { top_k: 8, score_threshold: 0.5, mode: "knowledge_only" },
      sla: { avg_ms: 5000, p95_ms: 12000, ttft_ms: 800 },
      metadata: { team: "sales" },
      enabled: false,
    });
    // 1000 tokens given alone: the default overlap (400) is already at most half of it.
    expect(created.rag.chunking).toEqual({ max_chunk_size_tokens: 1000, chunk_overlap_tokens: 400 });
  });

  test("a duplicate id is a CONFLICT", async () => {
    await createAssistant(operator, { id: "support" });
    await expect(createAssistant(operator, { id: "support", name: "Another" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An assistant with id 'support' already exists",
    });
  });

  test("a smaller chunk size given alone lowers the default overlap to half of it", async () => {
    const created = await createAssistant(operator, {
      id: "small-chunks",
      rag: { chunking: { max_chunk_size_tokens: 300 } },
    });
    expect(created.rag.chunking).toEqual({ max_chunk_size_tokens: 300, chunk_overlap_tokens: 150 });
  });

  test.each([
    ["explicit overlap over half", { max_chunk_size_tokens: 400, chunk_overlap_tokens: 201 }],
    ["overlap alone over half the default size", { chunk_overlap_tokens: 401 }],
  ])("%s is INVALID_INPUT and stores nothing", async (_case, chunking) => {
    await expect(createAssistant(operator, { id: "bad", rag: { chunking } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ path: "rag.chunking.chunk_overlap_tokens" })],
    });
    await expect(getAssistant(operator, "bad")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("overlap of exactly half is accepted", async () => {
    const created = await createAssistant(operator, {
      id: "half",
      rag: { chunking: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 200 } },
    });
    expect(created.rag.chunking.chunk_overlap_tokens).toBe(200);
  });

  test("needs write permission", async () => {
    const viewer = await createUserActor("viewer");
    await expect(createAssistant(viewer, { id: "support" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("createAssistantInputSchema", () => {
  test.each([
    ["the reserved id 'auto'", { id: "auto" }],
    ["an id with capitals", { id: "Support" }],
    ["an id ending in '-'", { id: "support-" }],
    ["an id over 64 characters", { id: "a".repeat(65) }],
    ["an unknown field", { id: "support", colour: "red" }],
    ["an unknown nested field", { id: "support", rag: { chunking: { size: 10 } } }],
    ["a temperature over 2", { id: "support", generation: { temperature: 2.5 } }],
    ["a chunk size under 100", { id: "support", rag: { chunking: { max_chunk_size_tokens: 50 } } }],
    [
      "more than 16 metadata pairs",
      { id: "support", metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) },
    ],
    ["no id", { name: "Support" }],
  ])("rejects %s", (_case, input) => {
    expect(createAssistantInputSchema.safeParse(input).success).toBe(false);
  });

  test("the 'auto' refusal explains itself", () => {
    const result = createAssistantInputSchema.safeParse({ id: "auto" });
    expect(result.error?.issues[0]?.message).toMatch(/'auto' is reserved/);
  });
});

describe("createAssistantAuto", () => {
  test("derives the id from the name, with no suffix while it is free", async () => {
    const created = await createAssistantAuto(operator, { name: "Support Bot: Tier 2!" });
    expect(created.id).toBe("support-bot-tier-2");
    expect(created.name).toBe("Support Bot: Tier 2!");
    const { vector_store_id, files, ...assistant } = created;
    expect({ vector_store_id, files }).toEqual({ vector_store_id: null, files: [] });
    expect(await getAssistant(operator, created.id)).toEqual(assistant);
  });

  test("without a name: a placeholder name and its id", async () => {
    const created = await createAssistantAuto(operator, {});
    expect(created.id).toBe("untitled-assistant");
    expect(created.name).toBe("Untitled assistant");
  });

  test("two assistants with the same name get different ids", async () => {
    const [a, b] = await Promise.all([
      createAssistantAuto(operator, { name: "Helper" }),
      createAssistantAuto(operator, { name: "Helper" }),
    ]);
    expect([a.id, b.id].sort()).toEqual(["helper", "helper-2"]);
  });

  test("a taken id gets -2, -3...; a name whose slug is 'auto' never takes that path", async () => {
    await createAssistant(operator, { id: "faq" });
    expect((await createAssistantAuto(operator, { name: "FAQ" })).id).toBe("faq-2");
    expect((await createAssistantAuto(operator, { name: "faq" })).id).toBe("faq-3");
    expect((await createAssistantAuto(operator, { name: "Auto" })).id).toBe("auto-2");
  });

  test("applies the same chunking rule as createAssistant", async () => {
    await expect(
      createAssistantAuto(operator, {
        rag: { chunking: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 150 } },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("slugForId", () => {
  test.each([
    ["Support Bot", "support-bot"],
    ["  --Émilie's  Café--  ", "emilie-s-cafe"],
    ["日本語", ""],
    [undefined, ""],
    ["x".repeat(100), "x".repeat(48)],
  ])("%j", (name, slug) => {
    expect(slugForId(name)).toBe(slug);
    if (slug) expect(createAssistantInputSchema.safeParse({ id: `${slug}-20` }).success).toBe(true);
  });
});
