import { z } from "zod";
import {
  backendDeletedSchema,
  backendListSchema,
  backendSchema,
  createBackendInputSchema,
  updateBackendInputSchema,
  backendCheckSchema,
  checkBackendInputSchema,
} from "../../schemas/backend";
import { checkBackend } from "../../services/backends/check-backend";
import { createBackend } from "../../services/backends/create-backend";
import { deleteBackend } from "../../services/backends/delete-backend";
import { listBackends } from "../../services/backends/list-backends";
import { readServing } from "../../services/backends/read-serving";
import { servingSchema } from "../../schemas/serving";
import { updateBackend } from "../../services/backends/update-backend";
import { protectedProcedure, router } from "../init";

export const backendsRouter = router({
  list: protectedProcedure.output(backendListSchema).query(({ ctx }) => listBackends(ctx.actor)),
  serving: protectedProcedure.output(servingSchema).query(({ ctx }) => readServing(ctx.actor)),
  create: protectedProcedure
    .input(createBackendInputSchema)
    .output(backendSchema)
    .mutation(({ ctx, input }) => createBackend(ctx.actor, input)),
  update: protectedProcedure
    .input(z.object({ id: z.string().min(1), patch: updateBackendInputSchema }))
    .output(backendSchema)
    .mutation(({ ctx, input }) => updateBackend(ctx.actor, input.id, input.patch)),
  check: protectedProcedure
    .input(checkBackendInputSchema)
    .output(backendCheckSchema)
    .mutation(({ ctx, input }) => checkBackend(ctx.actor, input)),
  delete: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(backendDeletedSchema)
    .mutation(({ ctx, input }) => deleteBackend(ctx.actor, input.id)),
});
