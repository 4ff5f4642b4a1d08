// Reading the errors the console's tRPC calls return: the human-readable message, the server's
// AppError code (CONFLICT, FORBIDDEN, ...), and per-field details from validation failures.
import { TRPCClientError } from "@trpc/client";

export type FieldIssue = { path: string; message: string };

type ErrorData = { code?: string; appCode?: string; details?: unknown };

function dataOf(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return error.data as ErrorData | undefined;
  return undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}

/** The server's AppError code, falling back to the tRPC code (e.g. for a network failure). */
export function errorCode(error: unknown): string | undefined {
  const data = dataOf(error);
  return data?.appCode ?? data?.code;
}

/** Field-level validation problems from an INVALID_INPUT error, with dotted paths. */
export function fieldIssues(error: unknown): FieldIssue[] {
  const details = dataOf(error)?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (item): item is FieldIssue =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as FieldIssue).path === "string" &&
      typeof (item as FieldIssue).message === "string",
  );
}
