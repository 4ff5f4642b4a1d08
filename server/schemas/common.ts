// Shared building blocks for request and response schemas (REST, tRPC and the OpenAPI document).
import { z } from "zod";
import { errorCodes } from "../errors";

export const idSlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/,
    "must be 1-64 characters: lowercase letters, digits, '-' and '_', starting and ending with a letter or digit",
  );

/** A function (tool) name as OpenAI's API takes it. */
export const functionNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "a function name is 1-64 letters, digits, underscores or dashes");

export const timestampSchema = z.iso.datetime().meta({ description: "ISO 8601 timestamp (UTC)" });

export const metadataSchema = z
  .record(
    z.string().min(1).max(64, "metadata keys are at most 64 characters"),
    z.string().max(512, "metadata values are at most 512 characters"),
  )
  .refine((value) => Object.keys(value).length <= 16, "metadata holds at most 16 pairs")
  .meta({
    id: "Metadata",
    description: "Up to 16 key-value pairs: keys at most 64 characters, values at most 512.",
  });

/** A query-string boolean ("true"/"false") that tRPC callers may also pass as a real boolean. */
export const booleanQuerySchema = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((value) => value === "true"),
]);

export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(20)
  .meta({ description: "Page size, 1-100." });

/**
 * A bound of a date range in a query string: an ISO 8601 date-time with its offset, or a date
 * (midnight UTC), in the years 1 to 9999 (PostgreSQL has no year 0, which ISO 8601 and JavaScript
 * accept).
 */
export const dateBoundSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "must be an ISO 8601 date or date-time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z",
  })
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value))
  .refine((date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, {
    error: "must be between the years 1 and 9999",
  });

export const cursorSchema = z
  .string()
  .max(200)
  .optional()
  .meta({ description: "Opaque cursor: the `next_cursor` of the previous page." });

export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal("list"),
    data: z.array(item),
    total: z.number().int().meta({ description: "Items matching the filters, over all pages." }),
    next_cursor: z.string().nullable(),
  });
}

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

export const deletedSchema = (object: string) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) });
