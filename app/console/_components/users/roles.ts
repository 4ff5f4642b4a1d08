import type { ConsoleUserDto } from "@/server/schemas/user";

export const roleDescriptions: Record<ConsoleUserDto["role"], string> = {
  admin: "everything, including users and API keys",
  operator: "create and manage assistants",
  viewer: "read only",
};
