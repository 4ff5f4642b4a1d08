// Conversations as data to hand over or to erase: the export of an assistant's sessions (the
// session list's filters, as a file) and the erasure of one end user's conversations.
import { z } from "zod";
import { createSessionInputSchema, listSessionsQuerySchema } from "./chat";
import { idSlugSchema } from "./common";

export const sessionExportFormatSchema = z.enum(["jsonl", "csv"]).meta({
  description:
    "`jsonl`: one session a line, with its messages, as the session's detail returns it. `csv`: one row a message.",
});
export type SessionExportFormat = z.infer<typeof sessionExportFormatSchema>;

// The list's filters (its page size and cursor aside), so that an export holds what the list shows.
const { limit: _limit, cursor: _cursor, ...sessionFilterShape } = listSessionsQuerySchema.shape;

export const exportSessionsQuerySchema = z
  .strictObject({ format: sessionExportFormatSchema.default("jsonl"), ...sessionFilterShape })
  .refine(
    (query) => !query.created_after || !query.created_before || query.created_after < query.created_before,
    { path: ["created_before"], message: "must be later than created_after" },
  );
export type ExportSessionsQuery = z.infer<typeof exportSessionsQuerySchema>;
export type ExportSessionsQueryInput = z.input<typeof exportSessionsQuerySchema>;
/** The filters an export shares with the session list. */
export type SessionFilters = Omit<ExportSessionsQuery, "format">;

const endUserIdSchema = createSessionInputSchema.shape.user.unwrap();

export const endUserParamsSchema = z.object({
  assistant_id: idSlugSchema.meta({ description: "The assistant's id." }),
  user: endUserIdSchema.meta({ description: "The end user's id, as given in requests' `user` field." }),
});

export const endUserErasedSchema = z
  .object({
    id: z.string().meta({ description: "The end user's id." }),
    object: z.literal("end_user.deleted"),
    deleted: z.literal(true),
    sessions: z.number().int().meta({ description: "Sessions deleted." }),
    messages: z.number().int().meta({ description: "Messages deleted with them." }),
  })
  .meta({ id: "EndUserDeleted" });
export type EndUserErased = z.infer<typeof endUserErasedSchema>;
