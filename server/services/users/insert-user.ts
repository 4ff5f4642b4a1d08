// Writes a console user the way better-auth expects to find one: a User row and a `credential`
// account holding the password's scrypt hash (better-auth's own hashing, so sign-in verifies it),
// once the password has passed the strength check.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Tx } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import type { CreateUserInput } from "../../schemas/user";
import { assertStrongPassword } from "./password-strength";

export async function insertUser(tx: Tx, input: CreateUserInput) {
  assertStrongPassword(input.password, [input.email, input.name]);
  const id = randomUUID();
  const password = await hashPassword(input.password);
  try {
    return await tx.user.create({
      data: {
        id,
        name: input.name,
        email: input.email.toLowerCase(),
        role: input.role,
        emailVerified: true,
        accounts: { create: { id: randomUUID(), accountId: id, providerId: "credential", password } },
      },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `A user with email '${input.email}' already exists`);
    throw error;
  }
}
