// API key schemas. The secret appears only in the creation response; lists show the prefix.
import { z } from "zod";
import {
  booleanQuerySchema,
  cursorSchema,
  idSlugSchema,
  limitSchema,
  listSchema,
  timestampSchema,
} from "./common";
import { quotasSchema } from "./quotas";

export const apiKeyScopeSchema = z.enum(["admin", "runtime"]).meta({
  description: "`admin`: the /admin API. `runtime`: the runtime API of the listed assistants (or all).",
});

export const apiKeySchema = z
  .object({
    id: z.string(),
    object: z.literal("api_key"),
    name: z.string(),
    prefix: z.string().meta({ description: "The visible start of the key, to recognise it." }),
    scope: apiKeyScopeSchema,
    assistant_ids: z
      .array(z.string())
      .meta({ description: "Runtime keys: allowed assistants; empty = all." }),
    quotas: quotasSchema,
    created_at: timestampSchema,
    last_used_at: timestampSchema.nullable(),
    expires_at: timestampSchema.nullable(),
    revoked_at: timestampSchema.nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyDto = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().meta({ description: "The secret. Shown once; store it now." }) })
  .meta({ id: "CreatedApiKey" });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeySchema>;

export const createApiKeyInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scope: apiKeyScopeSchema,
    assistant_ids: z.array(idSlugSchema).max(100).default([]),
    expires_at: z.iso.datetime().optional().meta({ description: "Optional expiry (ISO 8601)." }),
    quotas: quotasSchema.optional().meta({ description: "Limits on the key's questions (none by default)." }),
  })
  .refine((value) => value.scope === "runtime" || value.assistant_ids.length === 0, {
    message: "assistant_ids applies to runtime keys only",
    path: ["assistant_ids"],
  })
  .meta({ id: "CreateApiKeyInput" });
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const updateApiKeyInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    quotas: quotasSchema.optional().meta({ description: "Replaces the key's quotas as a whole." }),
  })
  .meta({ id: "UpdateApiKeyInput" });
export type UpdateApiKeyInput = z.infer<typeof updateApiKeyInputSchema>;

export const apiKeyIdParamsSchema = z.object({ key_id: z.string().min(1).max(64) });

export const listApiKeysQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema,
  include_revoked: booleanQuerySchema.default(false),
});
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuerySchema>;

export const apiKeyListSchema = listSchema(apiKeySchema).meta({ id: "ApiKeyList" });
