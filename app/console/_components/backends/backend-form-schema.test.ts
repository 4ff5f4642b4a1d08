import { describe, expect, test } from "vitest";
import type { BackendDto } from "@/server/schemas/backend";
import { formErrorMap } from "../../_lib/form-errors";
import {
  backendFormSchema,
  formFieldForPath,
  newBackendDefaults,
  toCreateInput,
  toFormValues,
  toPatch,
  type BackendFormValues,
} from "./backend-form-schema";

const current: BackendDto = {
  id: "backend_1",
  object: "backend",
  name: "vllm-1",
  kind: "openai_compatible",
  base_url: "http://gpu-1:8000/v1",
  model_path: null,
  models: ["gpt-oss-20b"],
  max_concurrency: 16,
  enabled: true,
  draining: false,
  probe_generation: false,
  health: null,
  has_api_key: true,
  api_key_env: null,
  source: "admin",
  prices: { input_per_million: null, output_per_million: null, gpu_hour: null },
  created_at: "2026-05-01T08:00:00.000Z",
  updated_at: "2026-05-01T08:00:00.000Z",
};

const parse = (values: BackendFormValues) => backendFormSchema.safeParse(values, { error: formErrorMap });

function errorsOf(values: BackendFormValues): Record<string, string> {
  const result = parse(values);
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

const filled: BackendFormValues = {
  ...newBackendDefaults,
  name: " vllm-2 ",
  base_url: " http://gpu-2:8000/v1 ",
  models: "gpt-oss-20b, gpt-oss-120b,",
  api_key: "  ",
};

describe("creating a backend", () => {
  test("text becomes the API's values; an empty key is not sent", () => {
    const output = parse(filled);
    expect(output.success).toBe(true);
    expect(toCreateInput(output.data!)).toEqual({
      name: "vllm-2",
      kind: "openai_compatible",
      base_url: "http://gpu-2:8000/v1",
      models: ["gpt-oss-20b", "gpt-oss-120b"],
      max_concurrency: 16,
      probe_generation: false,
    });
  });

  test("only the location field of the chosen kind is sent", () => {
    const output = parse({ ...filled, kind: "llama_cpp", base_url: "", model_path: "tiny.gguf" });
    const input = toCreateInput(output.data!);
    expect(input).toMatchObject({ kind: "llama_cpp", model_path: "tiny.gguf" });
    expect(input).not.toHaveProperty("base_url");
  });

  test("each kind needs its own location; models and a concurrency are required", () => {
    expect(errorsOf({ ...filled, base_url: " " })).toEqual({
      base_url: "Required for an OpenAI-compatible backend",
    });
    expect(errorsOf({ ...filled, kind: "llama_cpp", model_path: "" })).toEqual({
      model_path: "Required for a llama.cpp backend",
    });
    expect(errorsOf({ ...filled, models: " , ", max_concurrency: "" })).toEqual({
      models: "Enter at least one model",
      max_concurrency: "Required",
    });
  });

  test("what the server's own rules refuse", () => {
    const errors = errorsOf({ ...filled, name: "bad name", base_url: "http://user:pw@gpu:8000/v1" });
    expect(errors.name).toBe("letters, digits, '.', '_' and '-'");
    expect(errors.base_url).toBe("must not contain a user or password (send the key as api_key)");
    expect(errorsOf({ ...filled, max_concurrency: "0" })).toEqual({ max_concurrency: "At least 1" });
  });
});

describe("editing a backend", () => {
  test("unchanged values make an empty patch; the stored key is kept", () => {
    const output = parse(toFormValues(current));
    expect(toPatch(output.data!, current)).toEqual({});
  });

  test("only what changed; a new key replaces the stored one", () => {
    const values = { ...toFormValues(current), models: "gpt-oss-20b, gpt-oss-120b", api_key: "sk-new" };
    expect(toPatch(parse(values).data!, current)).toEqual({
      models: ["gpt-oss-20b", "gpt-oss-120b"],
      api_key: "sk-new",
    });
  });

  test("removing the key sends null, whatever was typed", () => {
    const values = { ...toFormValues(current), api_key: "sk-typed", remove_api_key: true };
    expect(toPatch(parse(values).data!, current)).toEqual({ api_key: null });
  });
});

describe("prices", () => {
  test("typed prices become numbers in USD; empty ones are not priced", () => {
    const output = parse({ ...filled, input_per_million: " 0.5 ", output_per_million: "", gpu_hour: "2" });
    expect(output.success).toBe(true);
    expect(toCreateInput(output.data!).prices).toEqual({
      input_per_million: 0.5,
      output_per_million: null,
      gpu_hour: 2,
    });
  });

  test("a price of zero is a price (free), not an empty field", () => {
    const output = parse({ ...filled, output_per_million: "0" });
    expect(toCreateInput(output.data!).prices).toEqual({
      input_per_million: null,
      output_per_million: 0,
      gpu_hour: null,
    });
  });

  test("what is not a price the server takes is refused on its field", () => {
    expect(errorsOf({ ...filled, input_per_million: "1,5", gpu_hour: "-1" })).toEqual({
      input_per_million: "Enter a number",
      gpu_hour: "At least 0",
    });
    expect(errorsOf({ ...filled, output_per_million: "2000000" })).toEqual({
      output_per_million: "At most 1000000",
    });
  });

  test("stored prices fill the form, and an edit sends all three only when one changed", () => {
    const priced: BackendDto = {
      ...current,
      prices: { input_per_million: 0.25, output_per_million: 1.5, gpu_hour: null },
    };
    const values = toFormValues(priced);
    expect(values).toMatchObject({ input_per_million: "0.25", output_per_million: "1.5", gpu_hour: "" });
    expect(toPatch(parse(values).data!, priced)).toEqual({});
    expect(toPatch(parse({ ...values, output_per_million: "", gpu_hour: "3.2" }).data!, priced)).toEqual({
      prices: { input_per_million: 0.25, output_per_million: null, gpu_hour: 3.2 },
    });
  });
});

describe("formFieldForPath", () => {
  test("a list item's problem belongs to the list's field; unknown fields to none", () => {
    expect(formFieldForPath("models.1")).toBe("models");
    expect(formFieldForPath("base_url")).toBe("base_url");
    expect(formFieldForPath("prices.gpu_hour")).toBe("gpu_hour");
    expect(formFieldForPath("prices")).toBeUndefined();
    expect(formFieldForPath("api_key_env")).toBeUndefined();
  });
});
