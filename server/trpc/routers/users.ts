import { z } from "zod";
import { createUserInputSchema, updateUserRoleInputSchema } from "../../schemas/user";
import { createUser } from "../../services/users/create-user";
import { deleteUser } from "../../services/users/delete-user";
import { listUsers } from "../../services/users/list-users";
import { updateUserRole } from "../../services/users/update-user-role";
import { protectedProcedure, router } from "../init";

export const usersRouter = router({
  list: protectedProcedure.query(({ ctx }) => listUsers(ctx.actor)),
  create: protectedProcedure
    .input(createUserInputSchema)
    .mutation(({ ctx, input }) => createUser(ctx.actor, input)),
  setRole: protectedProcedure
    .input(updateUserRoleInputSchema)
    .mutation(({ ctx, input }) => updateUserRole(ctx.actor, input)),
  delete: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .mutation(({ ctx, input }) => deleteUser(ctx.actor, input.id)),
});
