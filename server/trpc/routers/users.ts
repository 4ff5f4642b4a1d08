import { z } from "zod";
import {
  consoleUserListSchema,
  consoleUserSchema,
  createUserInputSchema,
  updateUserRoleInputSchema,
  userDeletedSchema,
} from "../../schemas/user";
import { createUser } from "../../services/users/create-user";
import { deleteUser } from "../../services/users/delete-user";
import { listUsers } from "../../services/users/list-users";
import { updateUserRole } from "../../services/users/update-user-role";
import { protectedProcedure, router } from "../init";

export const usersRouter = router({
  list: protectedProcedure.output(consoleUserListSchema).query(({ ctx }) => listUsers(ctx.actor)),
  create: protectedProcedure
    .input(createUserInputSchema)
    .output(consoleUserSchema)
    .mutation(({ ctx, input }) => createUser(ctx.actor, input)),
  setRole: protectedProcedure
    .input(updateUserRoleInputSchema)
    .output(consoleUserSchema)
    .mutation(({ ctx, input }) => updateUserRole(ctx.actor, input)),
  delete: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .output(userDeletedSchema)
    .mutation(({ ctx, input }) => deleteUser(ctx.actor, input.id)),
});
