import { z } from "zod";
import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
  updateApiKeyInputSchema,
} from "../../schemas/api-key";
import { keysQuotaUsageInputSchema, keysQuotaUsageSchema, quotaUsageListSchema } from "../../schemas/quotas";
import { createApiKey } from "../../services/api-keys/create-api-key";
import { listApiKeys } from "../../services/api-keys/list-api-keys";
import { revokeApiKey } from "../../services/api-keys/revoke-api-key";
import { updateApiKey } from "../../services/api-keys/update-api-key";
import { readKeyQuotaUsage, readKeysQuotaUsage } from "../../services/quotas/read-quota-usage";
import { protectedProcedure, router } from "../init";

export const apiKeysRouter = router({
  list: protectedProcedure
    .input(listApiKeysQuerySchema)
    .output(apiKeyListSchema)
    .query(({ ctx, input }) => listApiKeys(ctx.actor, input)),
  create: protectedProcedure
    .input(createApiKeyInputSchema)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.actor, input)),
  update: protectedProcedure
    .input(updateApiKeyInputSchema.extend({ id: z.string().min(1) }))
    .output(apiKeySchema)
    .mutation(({ ctx, input: { id, ...input } }) => updateApiKey(ctx.actor, id, input)),
  quotaUsage: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(quotaUsageListSchema)
    .query(({ ctx, input }) => readKeyQuotaUsage(ctx.actor, input.id)),
  quotaUsageMany: protectedProcedure
    .input(keysQuotaUsageInputSchema)
    .output(keysQuotaUsageSchema)
    .query(({ ctx, input }) => readKeysQuotaUsage(ctx.actor, input.ids)),
  revoke: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.actor, input.id)),
});
