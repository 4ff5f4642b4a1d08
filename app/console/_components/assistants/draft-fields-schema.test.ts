import { describe, expect, test } from "vitest";
import type { AssistantDraft } from "@/server/schemas/assistant-draft";
import { autoAssistantForm, draftFieldsSchema, emptyDraftFields, mergeDraft } from "./draft-fields-schema";

const draft: AssistantDraft = {
  object: "assistant.draft",
  drafted_by: "headings",
  id: "office-faq",
  name: "Office FAQ",
  description: "Answers questions from Office FAQ.",
  instructions: "Answer from the FAQ.",
  suggested_questions: ["When do you open?"],
  files: [],
};

describe("mergeDraft", () => {
  test("a first draft fills every field", () => {
    expect(mergeDraft(emptyDraftFields, draft, new Set())).toEqual({
      name: "Office FAQ",
      id: "office-faq",
      description: draft.description,
      instructions: draft.instructions,
      suggested_questions: ["When do you open?"],
    });
  });

  test("a new draft keeps edited fields; an edited name leaves the id to the server", () => {
    const current = { ...mergeDraft(emptyDraftFields, draft, new Set()), name: "Front desk", id: "" };
    const next = mergeDraft(
      current,
      { ...draft, name: "Office FAQ and Pricing", id: "office-faq-and-pricing" },
      new Set(["name"]),
    );
    expect(next).toMatchObject({ name: "Front desk", id: "" });
    const chosen = mergeDraft({ ...current, id: "desk" }, draft, new Set(["name", "id"]));
    expect(chosen.id).toBe("desk");
  });
});

describe("draftFieldsSchema and the form sent", () => {
  test("blank questions are dropped; an empty id is left out of the form", () => {
    const fields = draftFieldsSchema.parse({
      ...mergeDraft(emptyDraftFields, draft, new Set()),
      id: "",
      suggested_questions: ["", "Why?"],
    });
    const form = autoAssistantForm([new File(["# FAQ"], "faq.md")], fields);
    expect(form.get("id")).toBeNull();
    expect(form.get("name")).toBe("Office FAQ");
    expect(JSON.parse(form.get("suggested_questions") as string)).toEqual(["Why?"]);
    expect((form.get("file") as File).name).toBe("faq.md");
  });

  test("refuses what the server would", () => {
    const base = mergeDraft(emptyDraftFields, draft, new Set());
    expect(draftFieldsSchema.safeParse({ ...base, name: " " }).success).toBe(false);
    expect(draftFieldsSchema.safeParse({ ...base, id: "Not An Id" }).success).toBe(false);
    expect(draftFieldsSchema.safeParse({ ...base, id: "auto" }).success).toBe(false);
  });
});
