import { consoleSessionSchema, consoleUserSchema, setupAdminInputSchema } from "../../schemas/user";
import { needsSetup, setupFirstAdmin } from "../../services/users/setup-first-admin";
import { publicProcedure, router } from "../init";

export const sessionRouter = router({
  /** Who is signed in (null when nobody), and whether the one-time setup is still open. */
  me: publicProcedure.output(consoleSessionSchema).query(async ({ ctx }) => ({
    actor: ctx.actor.kind === "user" ? ctx.actor : null,
    needsSetup: await needsSetup(),
  })),
  setup: publicProcedure
    .input(setupAdminInputSchema)
    .output(consoleUserSchema)
    .mutation(({ ctx, input }) => setupFirstAdmin(input, ctx.actor)),
});
