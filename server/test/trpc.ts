// tRPC callers for tests: the app router called in-process, as a given actor, without HTTP.
import type { Actor } from "../services/access/actor";
import { createCaller } from "../trpc/root";

export function callerFor(actor: Actor, requestId = "test-request-id") {
  return createCaller({ actor, requestId });
}
