// Feedback in the telemetry: ratings given in each rolling window (per assistant, and per backend of
// the rated answer), and each assistant's summary over FEEDBACK_SUMMARY_DAYS: the share of rated
// answers rated up, overall and per RAG decision. Counted in the database from the current ratings
// (MessageFeedback, read through its (assistantId, updatedAt) index), so every replica agrees.
import { getDb, Prisma } from "../../db/client";
import {
  FEEDBACK_SUMMARY_DAYS,
  ragDecisionKeys,
  type FeedbackSummary,
  type WindowStats,
} from "../../schemas/telemetry";

export type FeedbackCounts = WindowStats["feedback"];

export const NO_FEEDBACK: FeedbackCounts = { up: 0, down: 0 };

const sinceSeconds = (seconds: number) =>
  Prisma.sql`(now() AT TIME ZONE 'UTC') - make_interval(secs => ${seconds})`;

/** Up and down counts per window, as `up_<i>` and `down_<i>` for the i-th window. */
function windowCounts(windowSeconds: number[]) {
  return Prisma.join(
    windowSeconds.flatMap((seconds, index) => [
      Prisma.sql`count(*) FILTER (WHERE f.rating = 'up' AND f."updatedAt" >= ${sinceSeconds(seconds)})::int
        AS ${Prisma.raw(`up_${index}`)}`,
      Prisma.sql`count(*) FILTER (WHERE f.rating = 'down' AND f."updatedAt" >= ${sinceSeconds(seconds)})::int
        AS ${Prisma.raw(`down_${index}`)}`,
    ]),
  );
}

/**
 * Ratings given in each window (seconds, in order), by assistant or by the backend that wrote the
 * rated answer: key -> one FeedbackCounts per window.
 */
export async function feedbackInWindows(
  assistantIds: string[],
  windowSeconds: number[],
  by: "assistant" | "backend",
): Promise<Map<string, FeedbackCounts[]>> {
  if (assistantIds.length === 0) return new Map();
  const db = getDb();
  const longest = sinceSeconds(Math.max(...windowSeconds));
  const rows =
    by === "assistant"
      ? await db.$queryRaw<Record<string, string | number>[]>`
          SELECT f."assistantId" AS key, ${windowCounts(windowSeconds)}
          FROM "MessageFeedback" f
          WHERE f."assistantId" = ANY(${assistantIds}) AND f."updatedAt" >= ${longest}
          GROUP BY f."assistantId"`
      : await db.$queryRaw<Record<string, string | number>[]>`
          SELECT m."backendId" AS key, ${windowCounts(windowSeconds)}
          FROM "MessageFeedback" f JOIN "Message" m ON m.id = f."messageId"
          WHERE f."assistantId" = ANY(${assistantIds}) AND f."updatedAt" >= ${longest}
            AND m."backendId" IS NOT NULL
          GROUP BY m."backendId"`;
  return new Map(
    rows.map((row) => [
      String(row.key),
      windowSeconds.map((_, index) => ({
        up: Number(row[`up_${index}`]),
        down: Number(row[`down_${index}`]),
      })),
    ]),
  );
}

const shareOf = (up: number, down: number) => (up + down > 0 ? Number((up / (up + down)).toFixed(4)) : null);

interface RagRow {
  key: string;
  decision: string;
  up: number;
  down: number;
}

/** Each assistant's summary: its ratings of the last FEEDBACK_SUMMARY_DAYS, overall and per RAG decision. */
export async function feedbackSummaries(assistantIds: string[]): Promise<Map<string, FeedbackSummary>> {
  if (assistantIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<RagRow[]>`
    SELECT f."assistantId" AS key, coalesce(m.rag->>'decision', 'none') AS decision,
      count(*) FILTER (WHERE f.rating = 'up')::int AS up,
      count(*) FILTER (WHERE f.rating = 'down')::int AS down
    FROM "MessageFeedback" f JOIN "Message" m ON m.id = f."messageId"
    WHERE f."assistantId" = ANY(${assistantIds})
      AND f."updatedAt" >= ${sinceSeconds(FEEDBACK_SUMMARY_DAYS * 86_400)}
    GROUP BY 1, 2`;
  const order = (decision: string) => ragDecisionKeys.indexOf(decision as (typeof ragDecisionKeys)[number]);
  return new Map(
    assistantIds.map((id) => {
      const own = rows
        .filter((row) => row.key === id && order(row.decision) >= 0)
        .sort((a, b) => order(a.decision) - order(b.decision));
      const up = own.reduce((sum, row) => sum + row.up, 0);
      const down = own.reduce((sum, row) => sum + row.down, 0);
      return [
        id,
        {
          up,
          down,
          positive_share: shareOf(up, down),
          by_rag: own.map((row) => ({
            decision: row.decision as (typeof ragDecisionKeys)[number],
            up: row.up,
            down: row.down,
            positive_share: shareOf(row.up, row.down),
          })),
        },
      ];
    }),
  );
}
