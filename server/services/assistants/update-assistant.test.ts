import { beforeEach, describe, expect, test } from "vitest";
import { updateAssistantInputSchema, type AssistantDto } from "@/server/schemas/assistant";
import { createUserActor, type UserActor } from "@/server/test/actors";
import { createAssistant } from "./create-assistant";
import { getAssistant } from "./get-assistant";
import { updateAssistant } from "./update-assistant";

let operator: UserActor;
let original: AssistantDto;

beforeEach(async () => {
  operator = await createUserActor("operator");
  original = await createAssistant(operator, {
    id: "support",
    name: "Support",
    description: "Answers tickets",
    generation: { temperature: 0.7, top_p: 0.9, max_output_tokens: 1024, reasoning_effort: "low" },
    rag: { top_k: 7, chunking: { max_chunk_size_tokens: 600, chunk_overlap_tokens: 100 } },
    sla: { avg_ms: 4000, p95_ms: 9000, ttft_ms: 700 },
    metadata: { team: "care" },
  });
});

describe("getAssistant", () => {
  test("returns the stored assistant", async () => {
    expect(await getAssistant(operator, "support")).toEqual(original);
  });

  test("an unknown id is NOT_FOUND", async () => {
    await expect(getAssistant(operator, "nope")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Assistant 'nope' was not found",
    });
  });

  test("a viewer may read", async () => {
    const viewer = await createUserActor("viewer");
    expect((await getAssistant(viewer, "support")).id).toBe("support");
  });
});

describe("updateAssistant", () => {
  test("changes only the fields given; nested objects merge field by field", async () => {
    const updated = await updateAssistant(operator, "support", {
      name: "Support v2",
      generation: { temperature: 0.1 },
      rag: { chunking: { chunk_overlap_tokens: 50 } },
      sla: { p95_ms: 8000 },
    });
    expect(updated).toEqual({
      ...original,
      name: "Support v2",
      generation: { ...original.generation, temperature: 0.1 },
      rag: { ...original.rag, chunking: { max_chunk_size_tokens: 600, chunk_overlap_tokens: 50 } },
      sla: { ...original.sla, p95_ms: 8000 },
      updated_at: updated.updated_at,
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(original.updated_at));
    expect(await getAssistant(operator, "support")).toEqual(updated);
  });

  test("null clears nullable numbers and leaves the rest", async () => {
    const updated = await updateAssistant(operator, "support", {
      generation: { temperature: null, max_output_tokens: null },
      sla: { ttft_ms: null },
    });
    expect(updated.generation).toEqual({
      temperature: null,
      top_p: 0.9,
      max_output_tokens: null,
      reasoning_effort: "low",
    });
    expect(updated.sla).toEqual({
      avg_ms: 4000,
      p95_ms: 9000,
      ttft_ms: null,
      control: "off",
      degradation: [],
    });
  });

  test("an empty patch changes nothing", async () => {
    const updated = await updateAssistant(operator, "support", {});
    expect({ ...updated, updated_at: original.updated_at }).toEqual(original);
  });

  test("metadata is replaced as a whole", async () => {
    const updated = await updateAssistant(operator, "support", { metadata: { tier: "2" } });
    expect(updated.metadata).toEqual({ tier: "2" });
  });

  test.each([
    ["a new overlap over half the stored size", { chunk_overlap_tokens: 301 }],
    ["a new size under twice the stored overlap", { max_chunk_size_tokens: 199 }],
    ["both, inconsistent", { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 501 }],
  ])("%s is INVALID_INPUT and changes nothing", async (_case, chunking) => {
    await expect(
      updateAssistant(operator, "support", { name: "changed", rag: { chunking } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await getAssistant(operator, "support")).toEqual(original);
  });

  test("a consistent change of both chunking values is accepted", async () => {
    const updated = await updateAssistant(operator, "support", {
      rag: { chunking: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 100 } },
    });
    expect(updated.rag.chunking).toEqual({ max_chunk_size_tokens: 200, chunk_overlap_tokens: 100 });
  });

  test("an unknown id is NOT_FOUND", async () => {
    await expect(updateAssistant(operator, "nope", { name: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  test("a viewer may not update", async () => {
    const viewer = await createUserActor("viewer");
    await expect(updateAssistant(viewer, "support", { name: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  test("SLA control and its ladder are stored, and a partial sla leaves them", async () => {
    const ladder = [{ reasoning_effort: "low" as const }, { max_output_tokens: 512, model: "gpt-oss-20b" }];
    const updated = await updateAssistant(operator, "support", {
      sla: { control: "degrade", degradation: ladder },
    });
    expect(updated.sla).toEqual({ ...original.sla, control: "degrade", degradation: ladder });
    const again = await updateAssistant(operator, "support", { sla: { avg_ms: 5000 } });
    expect(again.sla).toMatchObject({ avg_ms: 5000, control: "degrade", degradation: ladder });
    expect((await getAssistant(operator, "support")).sla).toEqual(again.sla);
  });

  test("a ladder step must override something, known settings only, at most eight steps", () => {
    const bad = [
      { sla: { degradation: [{}] } },
      { sla: { degradation: [{ temperature: 0 }] } },
      { sla: { degradation: [{ reasoning_effort: "none" }] } },
      { sla: { degradation: [{ max_output_tokens: 0 }] } },
      { sla: { degradation: Array.from({ length: 9 }, () => ({ reasoning_effort: "low" })) } },
      { sla: { control: "sometimes" } },
    ];
    for (const input of bad) expect(updateAssistantInputSchema.safeParse(input).success).toBe(false);
    expect(updateAssistantInputSchema.safeParse({ sla: { control: "shed", degradation: [] } }).success).toBe(
      true,
    );
  });
});

describe("suggested questions", () => {
  test("none by default; set, replaced and cleared by an update", async () => {
    expect(original.suggested_questions).toEqual([]);
    const set = await updateAssistant(operator, "support", {
      suggested_questions: ["How do I reset my password?", "Where is my invoice?"],
    });
    expect(set.suggested_questions).toEqual(["How do I reset my password?", "Where is my invoice?"]);
    expect((await getAssistant(operator, "support")).suggested_questions).toEqual(set.suggested_questions);
    expect(
      (await updateAssistant(operator, "support", { suggested_questions: [] })).suggested_questions,
    ).toEqual([]);
  });

  test.each([
    ["six questions", Array.from({ length: 6 }, (_, i) => `Question ${i}?`)],
    ["a blank question", ["  "]],
    ["a question over 200 characters", ["x".repeat(201)]],
  ])("the schema refuses %s", (_, questions) => {
    expect(updateAssistantInputSchema.safeParse({ suggested_questions: questions }).success).toBe(false);
  });
});
