import { randomUUID } from "node:crypto";
import { resolveActor } from "../auth/resolve-actor";
import { AppError } from "../errors";
import { anonymous, type Actor } from "../services/access/actor";

export interface TrpcContext {
  actor: Actor;
  requestId: string;
}

// A bad bearer key is treated as no credentials here: procedures that need a caller then answer
// UNAUTHORIZED through the normal error path, instead of the context failing as a 500.
async function actorOrAnonymous(headers: Headers): Promise<Actor> {
  try {
    return await resolveActor(headers);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHORIZED") return anonymous;
    throw error;
  }
}

export async function createTrpcContext(headers: Headers): Promise<TrpcContext> {
  return {
    actor: await actorOrAnonymous(headers),
    requestId: headers.get("x-request-id") ?? randomUUID(),
  };
}
