// For console pages rendered on the server: who is signed in, and whether setup is still open.
import { anonymous, type Actor } from "../services/access/actor";
import { needsSetup } from "../services/users/setup-first-admin";
import { resolveActor } from "./resolve-actor";

export type ConsoleUser = Extract<Actor, { kind: "user" }>;

export async function getConsoleUser(headers: Headers): Promise<ConsoleUser | null> {
  const actor = await resolveActor(headers).catch(() => anonymous);
  return actor.kind === "user" ? actor : null;
}

export { needsSetup };
