// Turns any thrown value into the REST error body `{ error: { code, message, details? } }`.
// AppErrors keep their code and message; anything else is logged and answered as a generic 500.
import { z } from "zod";
import { AppError } from "../errors";
import { logger } from "../logger";
import { REQUEST_ID_HEADER } from "./request-id";

export function toAppError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return invalidInput(error);
  logger.error({ err: error, requestId }, "unhandled error");
  return new AppError("INTERNAL", `Internal error; quote request id ${requestId} when reporting it`);
}

export function invalidInput(error: z.ZodError, where?: string): AppError {
  const details = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
  const first = details[0];
  const message = first ? `Invalid ${first.path || where || "input"}: ${first.message}` : "Invalid input";
  return new AppError("INVALID_INPUT", message, details);
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
    { status: error.status, headers: { [REQUEST_ID_HEADER]: requestId, ...error.headers } },
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
