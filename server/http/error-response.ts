// Turns any thrown value into the REST error body `{ error: { code, message, details? } }`.
// AppErrors keep their code and message; anything else is logged and answered as a generic 500.
import { z } from "zod";
import { AppError } from "../errors";
import { logger } from "../logger";
import { REQUEST_ID_HEADER } from "./request-id";

export function toAppError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return invalidInput(error);
  if (isUnstorableTextError(error)) {
    // A backstop: input is checked for such text at the edge (storable-input.ts), so one that
    // reaches the database came in some way the edge missed, which an operator should hear of.
    logger.warn({ err: error, requestId }, "the database refused text from a request");
    return new AppError("INVALID_INPUT", "Invalid input: text the database cannot store (such as U+0000)");
  }
  logger.error({ err: error, requestId }, "unhandled error");
  return new AppError("INTERNAL", `Internal error; quote request id ${requestId} when reporting it`);
}

/**
 * PostgreSQL's "invalid byte sequence" (22021: U+0000 in text) and "unsupported Unicode escape"
 * (22P05: U+0000 in jsonb), as pg raises them or Prisma's driver adapter wraps them (in `cause`).
 */
function isUnstorableTextError(error: unknown): boolean {
  for (let current = error, depth = 0; depth < 4; depth++) {
    if (typeof current !== "object" || current === null) return false;
    const { code, originalCode, cause } = current as {
      code?: unknown;
      originalCode?: unknown;
      cause?: unknown;
    };
    if ([code, originalCode].some((value) => value === "22021" || value === "22P05")) return true;
    current = cause;
  }
  return false;
}

export function invalidInput(error: z.ZodError, where?: string): AppError {
  const details = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
  const first = details[0];
  const message = first ? `Invalid ${first.path || where || "input"}: ${first.message}` : "Invalid input";
  return new AppError("INVALID_INPUT", message, { details });
}

/** HTTP counts these in whole seconds; a caller told 0 would retry at once. */
const wholeSeconds = (seconds: number) => String(Math.max(1, Math.ceil(seconds)));

/**
 * The headers an error's domain data stands for: when to retry (`Retry-After`, and the
 * `RateLimit-*` fields of the IETF draft when the limit is known) and, for a 405, `Allow`.
 */
export function errorHeaders(error: AppError): Record<string, string> {
  const headers: Record<string, string> = {};
  const limit = error.rateLimit;
  if (limit) {
    headers["retry-after"] = wholeSeconds(limit.retryAfterSeconds);
    if (limit.limit !== undefined) headers["ratelimit-limit"] = String(limit.limit);
    if (limit.remaining !== undefined) headers["ratelimit-remaining"] = String(limit.remaining);
    if (limit.resetSeconds !== undefined) headers["ratelimit-reset"] = wholeSeconds(limit.resetSeconds);
  }
  if (error.allow) headers.allow = error.allow.join(", ");
  return headers;
}

export function errorResponse(error: AppError, requestId: string): Response {
  return Response.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    },
    { status: error.status, headers: { [REQUEST_ID_HEADER]: requestId, ...errorHeaders(error) } },
  );
}

/**
 * The response for a request that failed. A client that went away (mid-body or mid-answer) is not
 * an error of ours: nobody reads the answer, so it is neither logged as one nor shaped.
 */
export function failureResponse(error: unknown, request: Request, requestId: string): Response {
  if (request.signal.aborted)
    return new Response(null, { status: 499, headers: { [REQUEST_ID_HEADER]: requestId } });
  return errorResponse(toAppError(error, requestId), requestId);
}
