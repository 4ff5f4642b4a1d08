// Backend (model server) schemas for the admin API and the console. API keys go in, never out.
import { z } from "zod";
import { timestampSchema } from "./common";

export const engineKindSchema = z.enum(["openai_compatible", "llama_cpp"]).meta({
  description:
    "`openai_compatible`: vLLM, llama.cpp server, Ollama, TGI... `llama_cpp`: a GGUF file in-process.",
});

export const backendSchema = z
  .object({
    id: z.string(),
    object: z.literal("backend"),
    name: z.string(),
    kind: engineKindSchema,
    base_url: z.string().nullable(),
    model_path: z.string().nullable(),
    models: z.array(z.string()),
    max_concurrency: z.number().int(),
    enabled: z.boolean(),
    has_api_key: z.boolean().meta({ description: "Whether an API key is stored or referenced." }),
    api_key_env: z.string().nullable(),
    source: z.enum(["env", "admin"]).meta({ description: "`env`: seeded from the environment at start-up." }),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "Backend" });
export type BackendDto = z.infer<typeof backendSchema>;

const backendNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, "letters, digits, '.', '_' and '-'");

const backendFields = {
  name: backendNameSchema,
  kind: engineKindSchema,
  base_url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .meta({ description: "OpenAI-compatible base URL, usually ending in /v1." }),
  model_path: z.string().min(1).max(1000).nullable().meta({ description: "GGUF file path (llama_cpp)." }),
  models: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  max_concurrency: z.number().int().min(1).max(10_000),
  enabled: z.boolean(),
  api_key: z.string().min(1).max(4096).nullable().meta({ description: "Stored encrypted; null clears it." }),
  api_key_env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name")
    .nullable()
    .meta({ description: "Name of an environment variable holding the key, instead of storing it." }),
};

export const createBackendInputSchema = z
  .strictObject(backendFields)
  .partial()
  .required({ name: true, kind: true, models: true })
  .meta({ id: "CreateBackendInput" });
export type CreateBackendInput = z.infer<typeof createBackendInputSchema>;

export const updateBackendInputSchema = z
  .strictObject(backendFields)
  .omit({ kind: true })
  .partial()
  .meta({ id: "UpdateBackendInput" });
export type UpdateBackendInput = z.infer<typeof updateBackendInputSchema>;

export const backendIdParamsSchema = z.object({ backend_id: z.string().min(1).max(64) });

export const backendListSchema = z
  .object({ object: z.literal("list"), data: z.array(backendSchema) })
  .meta({ id: "BackendList" });
