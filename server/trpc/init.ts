// tRPC setup: superjson on the wire, AppError mapped to tRPC codes through the shared error table,
// and the procedure builders every router composes (public, protected).
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { AppError, errorTable, type ErrorCode } from "../errors";
import { invalidInput, toAppError } from "../http/error-response";
import type { TrpcContext } from "./context";

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

/** Converts whatever a procedure threw into a TRPCError whose code follows the error table. */
const mapErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  const original = result.error.cause ?? result.error;
  const appError =
    result.error.code === "BAD_REQUEST" && original instanceof z.ZodError
      ? invalidInput(original)
      : original instanceof TRPCError
        ? null
        : toAppError(original, ctx.requestId);
  if (!appError) throw result.error;
  throw new TRPCError({ code: errorTable[appError.code].trpc, message: appError.message, cause: appError });
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

/** Requires a signed-in console user (or an API key); what they may do is decided by services. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind === "anonymous") {
    throw new AppError("UNAUTHORIZED", "Sign in to continue");
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
