// The permission table. Every service calls `authorize` before touching data, so REST, tRPC and
// the CLI enforce exactly the same rules: no caller gets further than its role or key scope allows.
import { AppError } from "../../errors";
import type { Actor, Role } from "./actor";

export type Permission =
  | "assistants:read"
  | "assistants:write"
  | "api_keys:manage"
  | "users:manage"
  | "backends:read"
  | "backends:manage"
  /** Setting a backend's api_key_env: it makes Hearth send a server environment variable out. */
  | "backends:secrets"
  | "sessions:read"
  | "knowledge:read"
  | "knowledge:write"
  | "runtime:use"
  | "settings:read"
  | "settings:manage"
  | "loadtests:read"
  | "loadtests:manage"
  /** Reading the audit log: who changed what, from where. */
  | "audit:read"
  /** Reading usage and cost (GET /admin/usage, the console's Usage page). */
  | "usage:read"
  /** Reading alerts and their rules and destinations. */
  | "alerts:read"
  /** Changing alert rules and webhook destinations, sending test messages. */
  | "alerts:manage";

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [
    "assistants:read",
    "assistants:write",
    "api_keys:manage",
    "users:manage",
    "backends:read",
    "backends:manage",
    "backends:secrets",
    "sessions:read",
    "knowledge:read",
    "knowledge:write",
    "runtime:use",
    "settings:read",
    "settings:manage",
    "loadtests:read",
    "loadtests:manage",
    "audit:read",
    "usage:read",
    "alerts:read",
    "alerts:manage",
  ],
  operator: [
    "assistants:read",
    "assistants:write",
    "backends:read",
    "backends:manage",
    "sessions:read",
    "knowledge:read",
    "knowledge:write",
    "runtime:use",
    "settings:read",
    "loadtests:read",
    "usage:read",
    "alerts:read",
  ],
  viewer: [
    "assistants:read",
    "backends:read",
    "sessions:read",
    "knowledge:read",
    "settings:read",
    "loadtests:read",
    "usage:read",
    "alerts:read",
  ],
};

// Admin API keys drive the /admin API; console users are managed only from the console.
const adminKeyPermissions: readonly Permission[] = [
  "assistants:read",
  "assistants:write",
  "api_keys:manage",
  "backends:read",
  "backends:manage",
  "backends:secrets",
  "sessions:read",
  "knowledge:read",
  "knowledge:write",
  "runtime:use",
  "loadtests:read",
  "loadtests:manage",
  "audit:read",
  "usage:read",
  "alerts:read",
  "alerts:manage",
];

export function can(actor: Actor, permission: Permission, assistantId?: string): boolean {
  switch (actor.kind) {
    case "anonymous":
      return false;
    case "master":
      return adminKeyPermissions.includes(permission);
    case "user":
      return rolePermissions[actor.role].includes(permission);
    case "api_key":
      if (actor.scope === "admin") return adminKeyPermissions.includes(permission);
      // A runtime key uses its assistants and reads their sessions, end users and knowledge.
      return (
        (permission === "runtime:use" || permission === "sessions:read" || permission === "knowledge:read") &&
        (actor.assistantIds.length === 0 ||
          (assistantId !== undefined && actor.assistantIds.includes(assistantId)))
      );
    case "widget":
      // A widget only chats with its own assistant: no sessions, knowledge or admin reads.
      return permission === "runtime:use" && assistantId === actor.assistantId;
  }
}

/** Throws UNAUTHORIZED for a caller with no credentials and FORBIDDEN for one without the right. */
export function authorize(actor: Actor, permission: Permission, assistantId?: string): void {
  if (actor.kind === "anonymous") {
    throw new AppError("UNAUTHORIZED", "Authentication required: send `Authorization: Bearer <api key>`");
  }
  if (!can(actor, permission, assistantId)) {
    const target = assistantId ? ` on assistant '${assistantId}'` : "";
    throw new AppError("FORBIDDEN", `This caller is not allowed to ${permission.replace(":", " ")}${target}`);
  }
}
