// An API key's use of its quotas, for its owner in the console and GET /admin/api-keys/{id}/quotas,
// and the use of many keys at once for the console's list (one request however many keys it shows).
import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import { quotasOf, type QuotaUsage } from "../../schemas/quotas";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { RPM_SCOPE } from "./admit-to-quotas";
import { readPeriodUsage } from "./period-usage";
import { subjectKey, type QuotaSubject } from "./quota-subject";
import { quotaWindows } from "./quota-windows";
import { inFlight } from "./answers-in-flight";

type KeyRow = { id: string; quotas: unknown };

async function usageOf(row: KeyRow, now: Date): Promise<QuotaUsage[]> {
  const db = getDb();
  const subject: QuotaSubject = { kind: "api_key", keyId: row.id, quotas: quotasOf(row.quotas) };
  const { quotas } = subject;
  const windows = quotaWindows(now);
  const data: QuotaUsage[] = [];
  if (quotas.requests_per_minute !== null) {
    const counter = await db.rateLimitCounter.findUnique({
      where: { scope_key: { scope: RPM_SCOPE, key: subjectKey(subject) } },
    });
    const started = counter ? Number(counter.windowStart) : 0;
    const current = counter !== null && started > now.getTime() - 60_000;
    data.push({
      quota: "requests_per_minute",
      limit: quotas.requests_per_minute,
      used: current ? Math.min(counter.count, quotas.requests_per_minute) : 0,
      resets_at: current ? new Date(started + 60_000).toISOString() : null,
    });
  }
  if (quotas.tokens_per_day !== null || quotas.tokens_per_month !== null || quotas.cost_per_month !== null) {
    const used = await readPeriodUsage(subject, windows);
    if (quotas.tokens_per_day !== null) {
      data.push({
        quota: "tokens_per_day",
        limit: quotas.tokens_per_day,
        used: used.dayTokens,
        resets_at: windows.dayEnd.toISOString(),
      });
    }
    if (quotas.tokens_per_month !== null) {
      data.push({
        quota: "tokens_per_month",
        limit: quotas.tokens_per_month,
        used: used.monthTokens,
        resets_at: windows.monthEnd.toISOString(),
      });
    }
    if (quotas.cost_per_month !== null) {
      data.push({
        quota: "cost_per_month",
        limit: quotas.cost_per_month,
        used: used.monthCost,
        resets_at: windows.monthEnd.toISOString(),
      });
    }
  }
  if (quotas.concurrent_streams !== null) {
    data.push({
      quota: "concurrent_streams",
      limit: quotas.concurrent_streams,
      used: inFlight(subject, now.getTime()).streams,
      resets_at: null,
    });
  }
  return data;
}

export async function readKeyQuotaUsage(
  actor: Actor,
  keyId: string,
  now = new Date(),
): Promise<{ object: "list"; data: QuotaUsage[] }> {
  authorize(actor, "api_keys:manage");
  const row = await getDb().apiKey.findUnique({ where: { id: keyId }, select: { id: true, quotas: true } });
  if (!row) throw notFound("API key", keyId);
  return { object: "list", data: await usageOf(row, now) };
}

/** The use of each key named that exists (a key deleted meanwhile is left out). */
export async function readKeysQuotaUsage(
  actor: Actor,
  keyIds: readonly string[],
  now = new Date(),
): Promise<{ data: { id: string; usage: QuotaUsage[] }[] }> {
  authorize(actor, "api_keys:manage");
  const rows = await getDb().apiKey.findMany({
    where: { id: { in: [...new Set(keyIds)] } },
    select: { id: true, quotas: true },
    orderBy: { id: "asc" },
  });
  return {
    data: await Promise.all(rows.map(async (row) => ({ id: row.id, usage: await usageOf(row, now) }))),
  };
}
