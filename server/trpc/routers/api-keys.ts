import { z } from "zod";
import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
} from "../../schemas/api-key";
import { createApiKey } from "../../services/api-keys/create-api-key";
import { listApiKeys } from "../../services/api-keys/list-api-keys";
import { revokeApiKey } from "../../services/api-keys/revoke-api-key";
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
  revoke: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.actor, input.id)),
});
