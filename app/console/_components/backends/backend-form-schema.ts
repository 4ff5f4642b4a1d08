// The backend form's values and validation. Inputs hold strings (models as a comma-separated list);
// the schema turns them into the API's shape with the server's own field schemas, so the form
// refuses what the server would. An empty API key field means "none" (create) or "unchanged" (edit).
import { z } from "zod";
import { commaListField } from "../../_lib/comma-list";
import {
  engineKindSchema,
  updateBackendInputSchema,
  type BackendDto,
  type CreateBackendInput,
  type UpdateBackendInput,
} from "@/server/schemas/backend";

// The update schema's fields: all optional, unwrapped below (kind is create-only).
const fields = updateBackendInputSchema.shape;

const trimmedOrNull = (value: string) => (value.trim() === "" ? null : value.trim());

export const backendFormSchema = z
  .object({
    name: z.string().trim().pipe(fields.name.unwrap()),
    kind: engineKindSchema,
    base_url: z.string().transform(trimmedOrNull).pipe(fields.base_url.unwrap()),
    model_path: z.string().transform(trimmedOrNull).pipe(fields.model_path.unwrap()),
    models: commaListField
      .refine((models) => models.length > 0, "Enter at least one model")
      .pipe(fields.models.unwrap()),
    max_concurrency: z
      .string()
      .refine((value) => value.trim() !== "", "Required")
      .transform(Number)
      .pipe(fields.max_concurrency.unwrap()),
    api_key: z.string().trim().max(4096, "At most 4096 characters"),
    remove_api_key: z.boolean(),
    probe_generation: z.boolean(),
  })
  .superRefine((values, ctx) => {
    if (values.kind === "openai_compatible" && !values.base_url)
      ctx.addIssue({
        code: "custom",
        path: ["base_url"],
        message: "Required for an OpenAI-compatible backend",
      });
    if (values.kind === "llama_cpp" && !values.model_path)
      ctx.addIssue({ code: "custom", path: ["model_path"], message: "Required for a llama.cpp backend" });
  });

export type BackendFormValues = z.input<typeof backendFormSchema>;
export type BackendFormOutput = z.output<typeof backendFormSchema>;

export const newBackendDefaults: BackendFormValues = {
  name: "",
  kind: "openai_compatible",
  base_url: "",
  model_path: "",
  models: "",
  max_concurrency: "16",
  api_key: "",
  remove_api_key: false,
  probe_generation: false,
};

export function toFormValues(backend: BackendDto): BackendFormValues {
  return {
    name: backend.name,
    kind: backend.kind,
    base_url: backend.base_url ?? "",
    model_path: backend.model_path ?? "",
    models: backend.models.join(", "),
    max_concurrency: String(backend.max_concurrency),
    api_key: "",
    remove_api_key: false,
    probe_generation: backend.probe_generation,
  };
}

/** The location field the kind uses; the other one is not sent. */
function location(values: BackendFormOutput) {
  return values.kind === "openai_compatible"
    ? { base_url: values.base_url }
    : { model_path: values.model_path };
}

export function toCreateInput(values: BackendFormOutput): CreateBackendInput {
  return {
    name: values.name,
    kind: values.kind,
    models: values.models,
    max_concurrency: values.max_concurrency,
    probe_generation: values.probe_generation,
    ...location(values),
    ...(values.api_key ? { api_key: values.api_key } : {}),
  };
}

/** Only what changed; the API key only when a new one was typed or removal was asked for. */
export function toPatch(values: BackendFormOutput, current: BackendDto): UpdateBackendInput {
  const patch: UpdateBackendInput = {};
  if (values.name !== current.name) patch.name = values.name;
  if (current.kind === "openai_compatible" && values.base_url !== current.base_url)
    patch.base_url = values.base_url;
  if (current.kind === "llama_cpp" && values.model_path !== current.model_path)
    patch.model_path = values.model_path;
  if (values.models.join("\n") !== current.models.join("\n")) patch.models = values.models;
  if (values.max_concurrency !== current.max_concurrency) patch.max_concurrency = values.max_concurrency;
  if (values.probe_generation !== current.probe_generation) patch.probe_generation = values.probe_generation;
  if (values.remove_api_key) patch.api_key = null;
  else if (values.api_key) patch.api_key = values.api_key;
  return patch;
}

const formFields = new Set(["name", "base_url", "model_path", "models", "max_concurrency", "api_key"]);

/** The form field a server validation path ("models.0") belongs to. */
export function formFieldForPath(path: string): keyof BackendFormValues | undefined {
  const head = path.split(".")[0] ?? "";
  return formFields.has(head) ? (head as keyof BackendFormValues) : undefined;
}
