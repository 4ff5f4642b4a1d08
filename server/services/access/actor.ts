// Who is calling, as every service sees it. Adapters resolve the caller once (session cookie, API
// key, or the master key) and pass it in; services decide what that caller may do (see policy.ts).
import type { Quotas } from "../../schemas/quotas";

export type Role = "admin" | "operator" | "viewer";
export type ApiKeyScope = "admin" | "runtime";

/** Where a request came from: recorded by the audit log, counted by limits. Set by the adapters. */
export interface RequestOrigin {
  clientAddress: string;
  requestId: string;
}

export type Actor = (
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; email: string; role: Role }
  | {
      kind: "api_key";
      keyId: string;
      scope: ApiKeyScope;
      assistantIds: string[];
      /** The key's limits on questions (services/quotas); none when absent. */
      quotas?: Quotas;
    }
  | { kind: "master" }
  /** The embeddable widget of one assistant, on one allowed site, in one browser's widget session. */
  | { kind: "widget"; assistantId: string; origin: string; widgetSessionId: string }
) & { via?: RequestOrigin };

export const anonymous: Actor = { kind: "anonymous" };

/** The caller used by start-up tasks and the CLI, which act with the operator's full authority. */
export const system: Actor = { kind: "master" };

export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case "anonymous":
      return "anonymous";
    case "user":
      return `user:${actor.userId}`;
    case "api_key":
      return `api_key:${actor.keyId}`;
    case "master":
      return "master_key";
    case "widget":
      return `widget:${actor.assistantId}`;
  }
}
