import { describe, expect, test } from "vitest";
import type { AssistantDto } from "@/server/schemas/assistant";
import { formErrorMap } from "../../_lib/form-errors";
import {
  assistantFormSchema,
  formFieldForPath,
  emptySlaStep,
  newAssistantDefaults,
  slaPresets,
  toFormValues,
  toPatch,
  toSettingsInput,
  toSlaStepValues,
  withInstanceDefaults,
  type AssistantFormValues,
} from "./assistant-form-schema";

const saved: AssistantDto = {
  id: "support",
  object: "assistant",
  name: "Support",
  description: "Answers customers",
  instructions: "Be brief.",
  model: "gpt-oss-20b",
  fallback_models: ["gpt-oss-120b"],
  generation: { temperature: 0.7, top_p: null, max_output_tokens: 2048, reasoning_effort: "low" },
  rag: {
    top_k: 5,
    score_threshold: 0.3,
    mode: "forward_when_no_context",
    refusal_message: "I can only answer from the handbook.",
    chunking: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 },
  },
  sla: {
    avg_ms: 1500,
    p95_ms: null,
    ttft_ms: 250,
    control: "degrade",
    degradation: [{ reasoning_effort: "low" }, { max_output_tokens: 512, model: "gpt-oss-20b" }],
  },
  tools: [],
  tool_limits: { max_steps: 4, max_ms: 60_000, max_tokens: null },
  retention_days: null,
  end_user_quotas: {
    requests_per_minute: null,
    tokens_per_day: null,
    tokens_per_month: null,
    concurrent_streams: null,
    cost_per_month: null,
  },
  suggested_questions: ["When do you open?"],
  metadata: { team: "care" },
  enabled: true,
  created_at: "2026-05-01T08:00:00.000Z",
  updated_at: "2026-05-01T08:00:00.000Z",
};

const parse = (mode: "create" | "edit", values: AssistantFormValues) =>
  assistantFormSchema(mode).safeParse(values, { error: formErrorMap });

function errorsOf(mode: "create" | "edit", values: AssistantFormValues): Record<string, string> {
  const result = parse(mode, values);
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

const edited = (change: (values: AssistantFormValues) => void) => {
  const values = structuredClone(toFormValues(saved));
  change(values);
  return values;
};

describe("the values an assistant shows in the form", () => {
  test("read back unchanged, they patch none of the settings the form shows in full", () => {
    const values = parse("edit", toFormValues(saved));
    expect(values.success).toBe(true);
    // `rag` is always sent: the form has no field for the refusal message, so its rag never equals
    // the saved one (harmless: the server merges a partial rag into the stored one).
    expect(Object.keys(toPatch(values.data!, saved))).toEqual(["rag"]);
  });

  test("numbers are text in the form and numbers again in the API; blank means not set", () => {
    const values = toFormValues(saved);
    expect(values.generation).toMatchObject({ temperature: "0.7", top_p: "", max_output_tokens: "2048" });
    expect(values.sla).toEqual({
      avg_s: "1.5",
      p95_s: "",
      ttft_s: "0.25",
      control: "degrade",
      degradation: [
        { reasoning_effort: "low", max_output_tokens: "", model: "" },
        { reasoning_effort: "", max_output_tokens: "512", model: "gpt-oss-20b" },
      ],
    });
    expect(values.fallback_models).toBe("gpt-oss-120b");
    expect(values.metadata).toEqual([{ key: "team", value: "care" }]);
  });
});

describe("toPatch", () => {
  test("only the top-level settings that changed, in the API's units", () => {
    const values = edited((v) => {
      v.name = "Customer care";
      v.sla.p95_s = "3";
      v.fallback_models = " a , b ,, ";
    });
    const output = parse("edit", values);
    const { rag: _rag, ...patch } = toPatch(output.data!, saved);
    expect(patch).toEqual({
      name: "Customer care",
      sla: { ...saved.sla, p95_ms: 3000 },
      fallback_models: ["a", "b"],
    });
  });

  test("retention: days as a number, blank as null (keep forever), out of range refused", () => {
    const set = parse(
      "edit",
      edited((v) => (v.retention_days = "30")),
    );
    expect(toPatch(set.data!, saved)).toMatchObject({ retention_days: 30 });
    const kept = { ...saved, retention_days: 30 };
    expect(toFormValues(kept).retention_days).toBe("30");
    const cleared = parse("edit", { ...toFormValues(kept), retention_days: "" });
    expect(toPatch(cleared.data!, kept)).toMatchObject({ retention_days: null });
    expect(
      errorsOf(
        "edit",
        edited((v) => (v.retention_days = "0")),
      ),
    ).toEqual({
      retention_days: "At least 1",
    });
    expect(
      errorsOf(
        "edit",
        edited((v) => (v.retention_days = "3651")),
      ),
    ).toEqual({
      retention_days: "At most 3650",
    });
    expect(formFieldForPath("patch.retention_days")).toBe("retention_days");
  });

  test("end-user quotas: blank is no limit, a limit patches the whole object, invalid ones refused", () => {
    expect(toFormValues(saved).end_user_quotas.requests_per_minute).toBe("");
    const set = parse(
      "edit",
      edited((v) => {
        v.end_user_quotas.requests_per_minute = "5";
        v.end_user_quotas.cost_per_month = "2.5";
      }),
    );
    expect(toPatch(set.data!, saved).end_user_quotas).toEqual({
      ...saved.end_user_quotas,
      requests_per_minute: 5,
      cost_per_month: 2.5,
    });
    const kept = { ...saved, end_user_quotas: { ...saved.end_user_quotas, tokens_per_day: 1000 } };
    const unchanged = parse("edit", toFormValues(kept));
    expect(toPatch(unchanged.data!, kept)).not.toHaveProperty("end_user_quotas");
    const cleared = parse("edit", {
      ...toFormValues(kept),
      end_user_quotas: newAssistantDefaults.end_user_quotas,
    });
    expect(toPatch(cleared.data!, kept).end_user_quotas).toEqual(saved.end_user_quotas);
    expect(
      errorsOf(
        "edit",
        edited((v) => (v.end_user_quotas.tokens_per_day = "0.5")),
      ),
    ).toEqual({ "end_user_quotas.tokens_per_day": "Enter a whole number" });
    expect(formFieldForPath("patch.end_user_quotas.concurrent_streams")).toBe(
      "end_user_quotas.concurrent_streams",
    );
    expect(formFieldForPath("end_user_quotas.nonsense")).toBeUndefined();
  });

  test("the enabled switch is not the form's to change", () => {
    const output = parse(
      "edit",
      edited((v) => (v.enabled = false)),
    );
    expect(toPatch(output.data!, saved)).not.toHaveProperty("enabled");
  });
});

describe("what the form refuses", () => {
  test("an overlap of more than half the chunk size", () => {
    const values = edited((v) => {
      v.rag.chunking.max_chunk_size_tokens = "800";
      v.rag.chunking.chunk_overlap_tokens = "401";
    });
    expect(errorsOf("edit", values)).toEqual({
      "rag.chunking.chunk_overlap_tokens": "At most half of the chunk size",
    });
  });

  test("required numbers left blank, and numbers out of the API's range", () => {
    const values = edited((v) => {
      v.rag.top_k = "";
      v.generation.temperature = "3";
      v.sla.avg_s = "0";
    });
    expect(errorsOf("edit", values)).toEqual({
      "rag.top_k": "Required",
      "generation.temperature": "At most 2",
      "sla.avg_s": "Greater than 0",
    });
  });

  test("metadata: a value without a key, a key twice; an empty pair is ignored", () => {
    const values = edited((v) => {
      v.metadata = [
        { key: "team", value: "care" },
        { key: "", value: "orphan" },
        { key: "team", value: "other" },
        { key: "", value: "" },
      ];
    });
    expect(errorsOf("edit", values)).toEqual({
      "metadata.1.key": "Enter a key",
      "metadata.2.key": "This key is already used",
    });
  });

  test("an id the server would refuse; a blank id lets the server choose one", () => {
    const bad = { ...newAssistantDefaults, name: "Support", id: "Not Valid" };
    expect(Object.keys(errorsOf("create", bad))).toEqual(["id"]);
    const blank = parse("create", { ...newAssistantDefaults, name: "Support" });
    expect(blank.success).toBe(true);
    // A blank model on creation means the deployment's default: it is not sent.
    expect(toSettingsInput(blank.data!)).not.toHaveProperty("model");
    expect(toSettingsInput(blank.data!)).not.toHaveProperty("id");
  });

  test("an existing assistant keeps a model", () => {
    expect(
      errorsOf(
        "edit",
        edited((v) => (v.model = " ")),
      ),
    ).toHaveProperty("model");
  });
});

describe("withInstanceDefaults", () => {
  test("a new assistant starts with the instance's default model and SLA", () => {
    const values = withInstanceDefaults(newAssistantDefaults, {
      default_model: "gpt-oss-120b",
      default_sla_avg_ms: 45_000,
    });
    expect(values.model).toBe("gpt-oss-120b");
    expect(values.sla).toEqual({ avg_s: "45", p95_s: "", ttft_s: "", control: "off", degradation: [] });
  });
});

describe("a new assistant's tools", () => {
  test("a new assistant starts with no tools and the tool loop's default limits", () => {
    const created = parse("create", { ...newAssistantDefaults, name: "Support" });
    expect(toSettingsInput(created.data!)).toMatchObject({
      tools: [],
      tool_limits: { max_steps: 4, max_ms: 60_000, max_tokens: null },
    });
  });
});

describe("formFieldForPath", () => {
  test("server paths land on the form's fields, in the form's units", () => {
    expect(formFieldForPath("patch.sla.p95_ms")).toBe("sla.p95_s");
    expect(formFieldForPath("fallback_models.2")).toBe("fallback_models");
    expect(formFieldForPath("rag.chunking.chunk_overlap_tokens")).toBe("rag.chunking.chunk_overlap_tokens");
    expect(formFieldForPath("rag.refusal_message")).toBeUndefined();
  });

  test("the SLA control and the ladder's steps, their settings, and the ladder as a whole", () => {
    expect(formFieldForPath("patch.sla.control")).toBe("sla.control");
    expect(formFieldForPath("patch.sla.degradation.1")).toBe("sla.degradation.1");
    expect(formFieldForPath("sla.degradation.0.max_output_tokens")).toBe(
      "sla.degradation.0.max_output_tokens",
    );
    expect(formFieldForPath("sla.degradation")).toBe("sla.degradation.root");
    expect(formFieldForPath("sla.degradation.0.temperature")).toBeUndefined();
  });
});

describe("the SLA control and its degradation ladder", () => {
  test("each step's blank fields are left out of the API's step; a change of order is a change", () => {
    const values = edited((v) => {
      v.sla.control = "shed";
      v.sla.degradation = [
        { reasoning_effort: "", max_output_tokens: " 1024 ", model: "" },
        { reasoning_effort: "medium", max_output_tokens: "", model: " gpt-oss-20b " },
      ];
    });
    const output = parse("edit", values);
    expect(output.data?.sla).toEqual({
      avg_ms: 1500,
      p95_ms: null,
      ttft_ms: 250,
      control: "shed",
      degradation: [{ max_output_tokens: 1024 }, { reasoning_effort: "medium", model: "gpt-oss-20b" }],
    });

    const reordered = parse(
      "edit",
      edited((v) => v.sla.degradation.reverse()),
    );
    expect(toPatch(reordered.data!, saved).sla?.degradation).toEqual([
      { max_output_tokens: 512, model: "gpt-oss-20b" },
      { reasoning_effort: "low" },
    ]);
  });

  test("a step that overrides nothing, or a token cap out of range, is refused on its row", () => {
    const values = edited((v) => {
      v.sla.degradation = [
        { reasoning_effort: "low", max_output_tokens: "", model: "" },
        { ...emptySlaStep, model: "  " },
        { reasoning_effort: "", max_output_tokens: "0", model: "" },
      ];
    });
    expect(errorsOf("edit", values)).toEqual({
      "sla.degradation.1": "A step overrides at least one setting",
      "sla.degradation.2.max_output_tokens": "At least 1",
    });
  });

  test("at most eight steps", () => {
    const values = edited((v) => {
      v.sla.degradation = Array.from({ length: 9 }, () => toSlaStepValues({ max_output_tokens: 512 }));
    });
    expect(errorsOf("edit", values)).toEqual({ "sla.degradation": "At most 8 items" });
  });

  test("a new assistant starts with control off and an empty ladder", () => {
    const created = parse("create", { ...newAssistantDefaults, name: "Support" });
    expect(toSettingsInput(created.data!).sla).toMatchObject({ control: "off", degradation: [] });
  });
});

describe("slaPresets", () => {
  const form = (model: string, reasoning_effort: "low" | "medium" | "high", max_output_tokens = "") => ({
    model,
    generation: { reasoning_effort, max_output_tokens },
  });

  test("for a high-effort gpt-oss-120b: less reasoning, then length, then the smaller model", () => {
    const reasoning = [{ reasoning_effort: "medium" }, { reasoning_effort: "low" }];
    const length = [{ max_output_tokens: 1024 }, { max_output_tokens: 512 }];
    expect(slaPresets(form("openai/gpt-oss-120b", "high"))).toEqual([
      { label: "Reasoning only", steps: reasoning },
      { label: "Reasoning, then length", steps: [...reasoning, ...length] },
      {
        label: "Reasoning, length, then openai/gpt-oss-20b",
        steps: [...reasoning, ...length, { model: "openai/gpt-oss-20b" }],
      },
    ]);
  });

  test("only steps milder than the assistant's own settings; no smaller model for gpt-oss-20b", () => {
    expect(slaPresets(form("gpt-oss-20b", "medium", "800"))).toEqual([
      { label: "Reasoning only", steps: [{ reasoning_effort: "low" }] },
      { label: "Reasoning, then length", steps: [{ reasoning_effort: "low" }, { max_output_tokens: 512 }] },
    ]);
    expect(slaPresets(form("gpt-oss-120b", "low", "512"))).toEqual([
      { label: "gpt-oss-20b only", steps: [{ model: "gpt-oss-20b" }] },
    ]);
    expect(slaPresets(form("llama-3.1-8b", "low", "256"))).toEqual([]);
  });

  test("a preset put in the form reads back as the same ladder", () => {
    const [, preset] = slaPresets(form("gpt-oss-120b", "high"));
    const output = parse(
      "edit",
      edited((v) => (v.sla.degradation = preset!.steps.map(toSlaStepValues))),
    );
    expect(output.data?.sla.degradation).toEqual(preset!.steps);
  });
});

describe("suggested questions", () => {
  test("round-trip, blank inputs dropped, only a change is patched", () => {
    const values = toFormValues(saved);
    expect(values.suggested_questions).toEqual(["When do you open?"]);
    const same = parse("edit", values);
    expect(toPatch(same.data!, saved)).not.toHaveProperty("suggested_questions");
    const edited = parse("edit", {
      ...values,
      suggested_questions: ["When do you open?", "  ", "Where are you?"],
    });
    expect(toPatch(edited.data!, saved).suggested_questions).toEqual(["When do you open?", "Where are you?"]);
  });

  test("refuses a question over 200 characters and more than five", () => {
    expect(errorsOf("edit", { ...toFormValues(saved), suggested_questions: ["x".repeat(201)] })).toEqual({
      "suggested_questions.0": "At most 200 characters",
    });
    const six = Array.from({ length: 6 }, (_, i) => `Q${i}?`);
    expect(errorsOf("edit", { ...toFormValues(saved), suggested_questions: six })).toEqual({
      suggested_questions: "At most 5 items",
    });
    expect(formFieldForPath("patch.suggested_questions.2")).toBe("suggested_questions.2");
  });
});
