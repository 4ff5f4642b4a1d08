// The TRPCError an AppError becomes: its tRPC code from the one error table (server/errors.ts),
// its message, and the AppError as its cause (read by the error formatter).
import { TRPCError } from "@trpc/server";
import { type AppError, errorTable } from "../errors";

/** The TRPCError for an AppError: its code from the error table, its message, the AppError as cause. */
export function trpcErrorOf(appError: AppError): TRPCError {
  return new TRPCError({ code: errorTable[appError.code].trpc, message: appError.message, cause: appError });
}
