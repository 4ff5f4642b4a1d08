// The one way to find out who is calling, shared by REST handlers and tRPC: a bearer API key (or
// the master key) first, then the console session cookie; otherwise anonymous.
import { AppError } from "../errors";
import { anonymous, type Actor, type Role } from "../services/access/actor";
import { authenticateApiKey } from "../services/api-keys/authenticate-api-key";
import { getAuth } from "./auth";

const roles = new Set<Role>(["admin", "operator", "viewer"]);

export async function resolveActor(headers: Headers): Promise<Actor> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new AppError("UNAUTHORIZED", "Malformed Authorization header: expected `Bearer <api key>`");
    }
    return authenticateApiKey(match[1]);
  }
  if (!headers.get("cookie")) return anonymous;
  const session = await getAuth().api.getSession({ headers });
  if (!session) return anonymous;
  const role = session.user.role as Role;
  return {
    kind: "user",
    userId: session.user.id,
    email: session.user.email,
    role: roles.has(role) ? role : "viewer",
  };
}
