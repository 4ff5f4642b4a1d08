import type { User } from "../../db/client";
import type { ConsoleUserDto } from "../../schemas/user";

export function toConsoleUserDto(row: User): ConsoleUserDto {
  return {
    id: row.id,
    object: "user",
    name: row.name,
    email: row.email,
    role: row.role,
    created_at: row.createdAt.toISOString(),
  };
}
