// Console user schemas (admin only). Passwords go in, never out.
import { z } from "zod";
import { timestampSchema } from "./common";

export const roleSchema = z.enum(["admin", "operator", "viewer"]).meta({
  description: "admin: everything; operator: manage assistants; viewer: read only.",
});

export const consoleUserSchema = z
  .object({
    id: z.string(),
    object: z.literal("user"),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    created_at: timestampSchema,
  })
  .meta({ id: "ConsoleUser" });
export type ConsoleUserDto = z.infer<typeof consoleUserSchema>;

export const consoleUserListSchema = z.array(consoleUserSchema);
export const userDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** Who is signed in to the console, as the console reads it (nothing of the request it came with). */
export const signedInUserSchema = z.object({
  kind: z.literal("user"),
  userId: z.string(),
  email: z.string(),
  role: roleSchema,
});
export const consoleSessionSchema = z.object({
  actor: signedInUserSchema.nullable(),
  needsSetup: z.boolean(),
});

export const passwordSchema = z
  .string()
  .min(12, "Password must be at least 12 characters")
  .max(128, "Password must be at most 128 characters");

export const createUserInputSchema = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(100),
  email: z.email("Enter a valid email address").toLowerCase(),
  password: passwordSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const setupAdminInputSchema = createUserInputSchema.omit({ role: true });
export type SetupAdminInput = z.infer<typeof setupAdminInputSchema>;

export const updateUserRoleInputSchema = z.strictObject({ id: z.string().min(1), role: roleSchema });
export type UpdateUserRoleInput = z.infer<typeof updateUserRoleInputSchema>;
