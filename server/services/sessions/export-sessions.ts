// An assistant's sessions as a file, with the session list's filters: JSON Lines (a session a line,
// with its messages, as the session's detail returns it) or CSV (a row a message). Sessions are read
// in batches by keyset (start time, then id, newest first, as the list) with their messages, and
// written as they come, so a long history is never held in memory whole; sessions deleted meanwhile
// cannot break the walk.
import { stringify } from "csv-stringify/sync";
import { getDb, type ChatSession, type Prisma } from "../../db/client";
import type { MessageDto, SessionDetailDto } from "../../schemas/chat";
import type { ExportSessionsQuery, SessionFilters } from "../../schemas/session-data";
import type { Actor } from "../access/actor";
import { neutralizeFormula } from "../audit/export-audit-events";
import { sessionsWhere } from "./list-sessions";
import { requireReadableAssistant } from "./require-readable-assistant";
import { seesErrorDetail, toMessageDto, toSessionDto } from "./session-dto";
import { summaryOf } from "./session-summaries";

/** Sessions a batch: their messages come with them, so a batch stays well below a page of memory. */
const BATCH = 50;

export interface SessionExport {
  /** The file's text, in pieces, read lazily. */
  chunks: AsyncIterable<string>;
  contentType: string;
  filename: string;
}

export const SESSION_CSV_COLUMNS = [
  "session_id",
  "assistant_id",
  "user",
  "channel",
  "session_created_at",
  "message_id",
  "created_at",
  "role",
  "content",
  "status",
  "model",
  "prompt_tokens",
  "completion_tokens",
  "rag_decision",
  "feedback_rating",
  "feedback_comment",
] as const;

type Cell = string | number | null;

function csvCells(session: SessionDetailDto, message: MessageDto): Cell[] {
  const cells: Record<(typeof SESSION_CSV_COLUMNS)[number], Cell> = {
    session_id: session.id,
    assistant_id: session.assistant_id,
    user: session.user,
    channel: session.channel,
    session_created_at: session.created_at,
    message_id: message.id,
    created_at: message.created_at,
    role: message.role,
    content: message.content,
    status: message.status,
    model: message.model,
    prompt_tokens: message.usage?.prompt_tokens ?? null,
    completion_tokens: message.usage?.completion_tokens ?? null,
    rag_decision: message.rag?.decision ?? null,
    feedback_rating: message.feedback?.rating ?? null,
    feedback_comment: message.feedback?.comment ?? null,
  };
  // What end users typed could read as a spreadsheet formula: text cells are neutralized.
  return SESSION_CSV_COLUMNS.map((column) => {
    const cell = cells[column];
    return typeof cell === "string" ? neutralizeFormula(cell) : cell;
  });
}

function csvRows(sessions: SessionDetailDto[], header: boolean): string {
  const rows = sessions.flatMap((session) => session.messages.map((message) => csvCells(session, message)));
  return stringify(rows, { header, columns: [...SESSION_CSV_COLUMNS] });
}

async function* batches(
  where: Prisma.ChatSessionWhereInput,
  withErrorDetail: boolean,
): AsyncGenerator<SessionDetailDto[]> {
  const db = getDb();
  let last: Pick<ChatSession, "createdAt" | "id"> | undefined;
  for (;;) {
    const rows = await db.chatSession.findMany({
      where: last
        ? {
            AND: [
              where,
              {
                OR: [
                  { createdAt: { lt: last.createdAt } },
                  { createdAt: last.createdAt, id: { lt: last.id } },
                ],
              },
            ],
          }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BATCH,
      include: {
        endUser: true,
        messages: { orderBy: [{ createdAt: "asc" }, { role: "desc" }], include: { feedback: true } },
      },
    });
    if (rows.length > 0) {
      yield rows.map((row) => ({
        ...toSessionDto(row, summaryOf(row.messages)),
        messages: row.messages.map((message) => toMessageDto(message, { withErrorDetail })),
      }));
    }
    if (rows.length < BATCH) return;
    last = rows.at(-1);
  }
}

async function* csvChunks(batchesOf: AsyncIterable<SessionDetailDto[]>): AsyncGenerator<string> {
  let header = true;
  for await (const sessions of batchesOf) {
    const text = csvRows(sessions, header);
    if (text === "") continue; // Sessions without messages make no rows.
    yield text;
    header = false;
  }
  if (header) yield csvRows([], true);
}

async function* jsonlChunks(batchesOf: AsyncIterable<SessionDetailDto[]>): AsyncGenerator<string> {
  for await (const sessions of batchesOf) {
    yield sessions.map((session) => `${JSON.stringify(session)}\n`).join("");
  }
}

/**
 * Checks the caller and the assistant at once (before any byte is sent); the sessions are read as
 * the file is. The caller sees failed answers' detail as in a session's detail.
 */
export async function exportSessions(
  actor: Actor,
  assistantId: string,
  query: ExportSessionsQuery,
  now = new Date(),
): Promise<SessionExport> {
  await requireReadableAssistant(actor, assistantId);
  const { format, ...filters } = query;
  const sessions = batches(
    sessionsWhere(assistantId, filters satisfies SessionFilters),
    seesErrorDetail(actor),
  );
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const filename = `sessions-${assistantId}-${stamp}.${format}`;
  return format === "csv"
    ? { chunks: csvChunks(sessions), contentType: "text/csv; charset=utf-8", filename }
    : { chunks: jsonlChunks(sessions), contentType: "application/x-ndjson; charset=utf-8", filename };
}
