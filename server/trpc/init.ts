// tRPC setup: superjson on the wire, AppError mapped to tRPC codes through the shared error table,
// and the procedure builders every router composes (public, protected). Input is checked for text
// the database cannot store before any procedure's schema sees it, as REST bodies are.
import { initTRPC, type TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { AppError, type ErrorCode } from "../errors";
import { invalidInput, toAppError } from "../http/error-response";
import { assertStorableInput } from "../http/storable-input";
import type { TrpcContext } from "./context";
import { trpcErrorOf } from "./trpc-error";

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appCode: ErrorCode | undefined = cause instanceof AppError ? cause.code : undefined;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        appCode,
        details: cause instanceof AppError ? cause.details : undefined,
      },
    };
  },
});

/** What a failed call's TRPCError stands for, or null to let it through as it is. */
function appErrorOf(error: TRPCError, requestId: string): AppError | null {
  const { cause } = error;
  if (cause instanceof AppError) return cause;
  if (cause instanceof z.ZodError && error.code === "BAD_REQUEST") return invalidInput(cause);
  // tRPC wraps whatever a procedure threw (an AppError, a ZodError from a service, a bug) this way.
  if (error.code === "INTERNAL_SERVER_ERROR") return toAppError(cause ?? error, requestId);
  // tRPC's own refusals of the input it read (JSON that does not parse, superjson `meta` that does
  // not deserialize, a batch that is not an object): the caller's mistake, never a 500.
  if (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") {
    // A TypeError is superjson tripping over a shape it never writes: its message names internals.
    const reason = cause instanceof TypeError ? "not superjson's { json, meta } envelope" : error.message;
    return new AppError("INVALID_INPUT", `Malformed input: ${reason}`);
  }
  return null;
}

/** Converts whatever a procedure threw into a TRPCError whose code follows the error table. */
const mapErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  const appError = appErrorOf(result.error, ctx.requestId);
  if (!appError) throw result.error;
  throw trpcErrorOf(appError);
});

/** Refuses input with text the database cannot store, naming the field (storable-input.ts). */
const checkInputText = t.middleware(async ({ getRawInput, next }) => {
  assertStorableInput(await getRawInput());
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Who calls is checked before what they send (as REST does): an anonymous caller gets 401, not
// a verdict on input it may not send at all.
const baseProcedure = t.procedure.use(mapErrors);

export const publicProcedure = baseProcedure.use(checkInputText);

/** Requires a signed-in console user (or an API key); what they may do is decided by services. */
export const protectedProcedure = baseProcedure
  .use(({ ctx, next }) => {
    if (ctx.actor.kind === "anonymous") {
      throw new AppError("UNAUTHORIZED", "Sign in to continue");
    }
    return next({ ctx: { ...ctx, actor: ctx.actor } });
  })
  .use(checkInputText);
