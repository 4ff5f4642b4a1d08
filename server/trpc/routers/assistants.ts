import { z } from "zod";
import {
  assistantDeletedSchema,
  assistantListSchema,
  assistantSchema,
  createAssistantAutoInputSchema,
  createAssistantInputSchema,
  listAssistantsQuerySchema,
  updateAssistantInputSchema,
} from "../../schemas/assistant";
import { importOpenApiInputSchema, importOpenApiResultSchema } from "../../schemas/assistant-tools";
import { idSlugSchema } from "../../schemas/common";
import { autoAssistantResultSchema } from "../../schemas/knowledge";
import { createAssistant } from "../../services/assistants/create-assistant";
import { createAssistantAuto } from "../../services/assistants/create-assistant-auto";
import { deleteAssistant } from "../../services/assistants/delete-assistant";
import { getAssistant } from "../../services/assistants/get-assistant";
import { listAssistants } from "../../services/assistants/list-assistants";
import { setAssistantEnabled } from "../../services/assistants/set-assistant-enabled";
import { updateAssistant } from "../../services/assistants/update-assistant";
import { importOpenApi } from "../../services/tools/import-openapi";
import { protectedProcedure, router } from "../init";

const byId = z.object({ id: idSlugSchema });

export const assistantsRouter = router({
  list: protectedProcedure
    .input(listAssistantsQuerySchema)
    .output(assistantListSchema)
    .query(({ ctx, input }) => listAssistants(ctx.actor, input)),
  get: protectedProcedure
    .input(byId)
    .output(assistantSchema)
    .query(({ ctx, input }) => getAssistant(ctx.actor, input.id)),
  create: protectedProcedure
    .input(createAssistantInputSchema)
    .output(assistantSchema)
    .mutation(({ ctx, input }) => createAssistant(ctx.actor, input)),
  createAuto: protectedProcedure
    .input(createAssistantAutoInputSchema)
    .output(autoAssistantResultSchema)
    .mutation(({ ctx, input }) => createAssistantAuto(ctx.actor, input)),
  /** HTTP tools from an OpenAPI document, for the tools editor to add (nothing is saved). */
  importOpenApiTools: protectedProcedure
    .input(importOpenApiInputSchema)
    .output(importOpenApiResultSchema)
    .mutation(({ ctx, input }) => importOpenApi(ctx.actor, input)),
  update: protectedProcedure
    .input(z.object({ id: idSlugSchema, patch: updateAssistantInputSchema }))
    .output(assistantSchema)
    .mutation(({ ctx, input }) => updateAssistant(ctx.actor, input.id, input.patch)),
  setEnabled: protectedProcedure
    .input(z.object({ id: idSlugSchema, enabled: z.boolean() }))
    .output(assistantSchema)
    .mutation(({ ctx, input }) => setAssistantEnabled(ctx.actor, input.id, input.enabled)),
  delete: protectedProcedure
    .input(byId)
    .output(assistantDeletedSchema)
    .mutation(({ ctx, input }) => deleteAssistant(ctx.actor, input.id)),
});
