// The backend form's values and validation. Inputs hold strings (models as a comma-separated list);
// the schema turns them into the API's shape with the server's own field schemas, so the form
// refuses what the server would. An empty API key field means "none" (create) or "unchanged" (edit);
// an empty price means "not priced" (null).
import { z } from "zod";
import { commaListField } from "../../_lib/comma-list";
import {
  backendPricesSchema,
  engineKindSchema,
  type BackendPrices,
  updateBackendInputSchema,
  type BackendDto,
  type CreateBackendInput,
  type UpdateBackendInput,
} from "@/server/schemas/backend";

// The update schema's fields: all optional, unwrapped below (kind is create-only).
const fields = updateBackendInputSchema.shape;

const trimmedOrNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** A price as typed: empty is null (unpriced), anything else must be a number the server takes. */
const priceField = (price: keyof BackendPrices) =>
  z
    .string()
    .transform((value) => (value.trim() === "" ? null : Number(value.trim())))
    .pipe(backendPricesSchema.shape[price]);

export const priceFields = ["input_per_million", "output_per_million", "gpu_hour"] as const;
export type PriceField = (typeof priceFields)[number];

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
    input_per_million: priceField("input_per_million"),
    output_per_million: priceField("output_per_million"),
    gpu_hour: priceField("gpu_hour"),
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
  input_per_million: "",
  output_per_million: "",
  gpu_hour: "",
};

const priceText = (price: number | null) => (price === null ? "" : String(price));

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
    input_per_million: priceText(backend.prices.input_per_million),
    output_per_million: priceText(backend.prices.output_per_million),
    gpu_hour: priceText(backend.prices.gpu_hour),
  };
}

function prices(values: BackendFormOutput): BackendPrices {
  return {
    input_per_million: values.input_per_million,
    output_per_million: values.output_per_million,
    gpu_hour: values.gpu_hour,
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
    ...(priceFields.some((price) => values[price] !== null) ? { prices: prices(values) } : {}),
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
  // The prices go as a whole (the API replaces all three), and only when one of them changed.
  if (priceFields.some((price) => values[price] !== current.prices[price])) patch.prices = prices(values);
  return patch;
}

const formFields = new Set<string>([
  "name",
  "base_url",
  "model_path",
  "models",
  "max_concurrency",
  "api_key",
  ...priceFields,
]);

/** The form field a server validation path ("models.0", "prices.gpu_hour") belongs to. */
export function formFieldForPath(path: string): keyof BackendFormValues | undefined {
  const [head = "", next = ""] = path.split(".");
  const field = head === "prices" ? next : head;
  return formFields.has(field) ? (field as keyof BackendFormValues) : undefined;
}
