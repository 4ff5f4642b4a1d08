// Full-text search over stored conversations (PostgreSQL's, English configuration, through the
// GIN index on to_tsvector('english', content) of migration message_search). One hit per matching
// message, newest first, paged by message id like every other list.
import { getDb, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import type { ConversationHit, SearchConversationsQuery } from "../../schemas/conversation-search";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import type { Page } from "../pagination/cursor-page";
import { requireReadableAssistant } from "./require-readable-assistant";
import { MARK_END, MARK_START, parseMarkedSnippet } from "./snippet-highlights";

// Must match the indexed expression exactly, or PostgreSQL cannot use the index.
const DOCUMENT = Prisma.sql`to_tsvector('english', m.content)`;
const MARKS = `StartSel=${MARK_START},StopSel=${MARK_END}`;
// A short message is shown whole; a long one by its two best passages (fragment mode drops a
// passage's trailing short words and punctuation, which is fine inside a long text).
const WHOLE_UP_TO = 280;
const WHOLE = `${MARKS},HighlightAll=true`;
const FRAGMENTS = `${MARKS},MaxWords=35,MinWords=15,ShortWord=0,MaxFragments=2,FragmentDelimiter=" … "`;

interface HitRow {
  id: string;
  session_id: string;
  assistant_id: string;
  role: ConversationHit["role"];
  status: ConversationHit["status"];
  channel: ConversationHit["channel"];
  user: string | null;
  feedback: ConversationHit["feedback"];
  headline: string;
  created_at: Date;
}

export async function searchConversations(
  actor: Actor,
  query: SearchConversationsQuery,
): Promise<Page<ConversationHit>> {
  // An admin operation, like every /admin path: admin keys, the master key and console users (who
  // read assistants); runtime keys, which do not, are refused even for their own assistants.
  authorize(actor, "assistants:read");
  if (query.assistant_id) await requireReadableAssistant(actor, query.assistant_id);
  else authorize(actor, "sessions:read");
  const db = getDb();

  const terms = Prisma.sql`websearch_to_tsquery('english', ${query.q})`;
  const filters: Prisma.Sql[] = [Prisma.sql`${DOCUMENT} @@ ${terms}`];
  if (query.assistant_id) filters.push(Prisma.sql`m."assistantId" = ${query.assistant_id}`);
  if (query.user) filters.push(Prisma.sql`e."externalId" = ${query.user}`);
  filters.push(
    query.channel
      ? Prisma.sql`s.channel = ${query.channel}::"Channel"`
      : Prisma.sql`s.channel <> 'loadtest'::"Channel"`,
  );
  if (query.role) filters.push(Prisma.sql`m.role = ${query.role}::"MessageRole"`);
  if (query.status) filters.push(Prisma.sql`m.status = ${query.status}::"MessageStatus"`);
  if (query.feedback) filters.push(Prisma.sql`f.rating = ${query.feedback}::"FeedbackRating"`);
  if (query.created_after) filters.push(Prisma.sql`m."createdAt" >= ${query.created_after}`);
  if (query.created_before) filters.push(Prisma.sql`m."createdAt" < ${query.created_before}`);
  const from = Prisma.sql`
    FROM "Message" m
    JOIN "ChatSession" s ON s.id = m."sessionId"
    LEFT JOIN "EndUser" e ON e.id = s."endUserId"
    LEFT JOIN "MessageFeedback" f ON f."messageId" = m.id`;
  const matching = Prisma.join(filters, " AND ");

  let after = Prisma.empty;
  if (query.cursor) {
    const cursor = await db.message.findUnique({
      where: { id: query.cursor },
      select: { id: true, createdAt: true },
    });
    if (!cursor)
      throw new AppError("INVALID_INPUT", "cursor does not match any message; start again without it");
    after = Prisma.sql`AND (m."createdAt", m.id) < (${cursor.createdAt}, ${cursor.id})`;
  }

  const [rows, counted] = await Promise.all([
    db.$queryRaw<HitRow[]>(Prisma.sql`
      SELECT m.id, m."sessionId" AS session_id, m."assistantId" AS assistant_id, m.role::text AS role,
        m.status::text AS status, s.channel::text AS channel, e."externalId" AS "user",
        f.rating::text AS feedback, m."createdAt" AS created_at,
        ts_headline('english', translate(m.content, ${MARK_START + MARK_END}, ''), ${terms},
          CASE WHEN length(m.content) <= ${WHOLE_UP_TO} THEN ${WHOLE} ELSE ${FRAGMENTS} END)
          AS headline
      ${from}
      WHERE ${matching} ${after}
      ORDER BY m."createdAt" DESC, m.id DESC
      LIMIT ${query.limit + 1}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total ${from} WHERE ${matching}`),
  ]);

  const page = rows.slice(0, query.limit);
  return {
    object: "list",
    data: page.map((row) => ({
      object: "conversation.hit",
      message_id: row.id,
      session_id: row.session_id,
      assistant_id: row.assistant_id,
      role: row.role,
      status: row.status,
      channel: row.channel,
      user: row.user,
      feedback: row.feedback,
      ...parseMarkedSnippet(row.headline),
      created_at: row.created_at.toISOString(),
    })),
    total: counted[0]?.total ?? 0,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
