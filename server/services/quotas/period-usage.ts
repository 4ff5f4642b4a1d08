// What a subject used this UTC day and month, from the day rollups of usage: every replica's
// answers, as recorded. Answers still in progress are not counted yet (see answers-in-flight.ts).
import { getDb } from "../../db/client";
import { rollupFilter, type QuotaSubject } from "./quota-subject";
import type { QuotaWindows } from "./quota-windows";

export interface PeriodUsage {
  dayTokens: number;
  monthTokens: number;
  monthCost: number;
  /** Requests recorded this month (every outcome), for the average answer. */
  monthRequests: number;
}

export async function readPeriodUsage(subject: QuotaSubject, windows: QuotaWindows): Promise<PeriodUsage> {
  const [row] = await getDb().$queryRaw<
    Array<{ day_tokens: number; month_tokens: number; month_cost: number; month_requests: number }>
  >`
    SELECT
      COALESCE(SUM("promptTokens" + "completionTokens") FILTER (WHERE bucket >= ${windows.dayStart}), 0)::float8 AS day_tokens,
      COALESCE(SUM("promptTokens" + "completionTokens"), 0)::float8 AS month_tokens,
      COALESCE(SUM(cost), 0)::float8 AS month_cost,
      COALESCE(SUM(requests), 0)::float8 AS month_requests
    FROM "UsageRollup"
    WHERE period = 'day' AND bucket >= ${windows.monthStart} AND ${rollupFilter(subject)}`;
  return {
    dayTokens: row?.day_tokens ?? 0,
    monthTokens: row?.month_tokens ?? 0,
    monthCost: Math.round((row?.month_cost ?? 0) * 1e6) / 1e6,
    monthRequests: row?.month_requests ?? 0,
  };
}
