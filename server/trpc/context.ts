// The context of one tRPC call over HTTP: who is calling (the same resolution as REST) and the
// request id. Creating it applies the checks every call passes before any procedure runs: a
// console session from another origin is refused (same-origin.ts, the REST rule too).
import { resolveActor } from "../auth/resolve-actor";
import { AppError } from "../errors";
import { clientAddressOf } from "../http/client-address";
import { toAppError } from "../http/error-response";
import { requestIdOf } from "../http/request-id";
import { assertSameOriginForCookies } from "../http/same-origin";
import { anonymous, type Actor } from "../services/access/actor";
import { trpcErrorOf } from "./trpc-error";

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

export async function createTrpcContext(request: Request): Promise<TrpcContext> {
  const requestId = requestIdOf(request);
  try {
    const actor = await actorOrAnonymous(request.headers);
    assertSameOriginForCookies(actor, request);
    return {
      actor: { ...actor, via: { clientAddress: clientAddressOf(request.headers), requestId } },
      requestId,
    };
  } catch (error) {
    // tRPC would answer anything thrown here as a 500 carrying its message; this keeps the
    // error table's status and hides an unexpected error's message, as procedures do.
    throw trpcErrorOf(toAppError(error, requestId));
  }
}
