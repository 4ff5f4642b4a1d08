// A usage report: the rollups of the range (usage-window.ts) summed per group, with totals and a
// series for charts, every group named. Reads the UsageRollup table only, so a month of traffic
// is a few thousand rows whatever the number of exchanges.
import { getDb, Prisma } from "../../db/client";
import type { UsageFigures, UsageQuery, UsageReport, UsageRow } from "../../schemas/usage";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { bucketsOf, usageWindow, type UsageWindow } from "./usage-window";

const WEEK = 7 * 86_400_000;
/** Rows per report: the groups with the most requests (a report by end user can have many). */
export const USAGE_MAX_ROWS = 1000;
/** `api_key_id=none`: traffic without a key (console, widget, master key). */
const NO_KEY = "none";

const groupColumn: Record<Exclude<UsageQuery["group_by"], "day" | "hour">, Prisma.Sql> = {
  assistant: Prisma.sql`"assistantId"`,
  key: Prisma.sql`"apiKeyId"`,
  user: Prisma.sql`"endUserId"`,
  model: Prisma.sql`model`,
  backend: Prisma.sql`"backendId"`,
  channel: Prisma.sql`channel::text`,
  outcome: Prisma.sql`outcome::text`,
};

export interface FigureRow {
  requests: number;
  completed: number;
  failed: number;
  cancelled: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  gpu_ms: number;
  cost: number;
}

// Sums as float8: bigint sums would come back as strings or BigInts depending on the driver.
// Shared with the telemetry series, which reads the same rollups.
export const sums = Prisma.sql`
  SUM(requests)::float8 AS requests,
  (SUM(requests) FILTER (WHERE outcome = 'completed'))::float8 AS completed,
  (SUM(requests) FILTER (WHERE outcome = 'failed'))::float8 AS failed,
  (SUM(requests) FILTER (WHERE outcome = 'cancelled'))::float8 AS cancelled,
  SUM("promptTokens")::float8 AS prompt_tokens,
  SUM("completionTokens")::float8 AS completion_tokens,
  SUM("reasoningTokens")::float8 AS reasoning_tokens,
  SUM("gpuMs")::float8 AS gpu_ms,
  SUM(cost)::float8 AS cost`;

export function figuresOf(row: Partial<FigureRow> | undefined): UsageFigures {
  const prompt = row?.prompt_tokens ?? 0;
  const completion = row?.completion_tokens ?? 0;
  return {
    requests: row?.requests ?? 0,
    completed: row?.completed ?? 0,
    failed: row?.failed ?? 0,
    cancelled: row?.cancelled ?? 0,
    prompt_tokens: prompt,
    completion_tokens: completion,
    reasoning_tokens: row?.reasoning_tokens ?? 0,
    total_tokens: prompt + completion,
    gpu_seconds: Math.round(row?.gpu_ms ?? 0) / 1000,
    cost: roundCost(row?.cost ?? 0),
  };
}

/** Cost to a millionth of a dollar: sums of floats carry noise below that. */
const roundCost = (cost: number) => Math.round(cost * 1e6) / 1e6;

function addFigures(total: UsageFigures, more: UsageFigures): UsageFigures {
  return {
    requests: total.requests + more.requests,
    completed: total.completed + more.completed,
    failed: total.failed + more.failed,
    cancelled: total.cancelled + more.cancelled,
    prompt_tokens: total.prompt_tokens + more.prompt_tokens,
    completion_tokens: total.completion_tokens + more.completion_tokens,
    reasoning_tokens: total.reasoning_tokens + more.reasoning_tokens,
    total_tokens: total.total_tokens + more.total_tokens,
    gpu_seconds: Math.round((total.gpu_seconds + more.gpu_seconds) * 1000) / 1000,
    cost: roundCost(total.cost + more.cost),
  };
}

/** The filters of a query, the rows of a report's groups and series alike. */
export type UsageFilters = Omit<UsageQuery, "from" | "to" | "group_by">;

export function filtersOf(query: UsageFilters, window: UsageWindow): Prisma.Sql {
  const filters: Prisma.Sql[] = [
    Prisma.sql`period = ${window.period}::"UsagePeriod"`,
    Prisma.sql`bucket >= ${window.from}`,
    Prisma.sql`bucket < ${window.to}`,
  ];
  if (query.assistant_id) filters.push(Prisma.sql`"assistantId" = ${query.assistant_id}`);
  if (query.api_key_id) {
    filters.push(Prisma.sql`"apiKeyId" = ${query.api_key_id === NO_KEY ? "" : query.api_key_id}`);
  }
  if (query.user) {
    filters.push(Prisma.sql`"endUserId" IN (SELECT id FROM "EndUser" WHERE "externalId" = ${query.user})`);
  }
  if (query.model) filters.push(Prisma.sql`model = ${query.model}`);
  if (query.backend_id) filters.push(Prisma.sql`"backendId" = ${query.backend_id}`);
  if (query.channel) filters.push(Prisma.sql`channel = ${query.channel}::"Channel"`);
  if (query.outcome) filters.push(Prisma.sql`outcome = ${query.outcome}::"MessageStatus"`);
  return Prisma.join(filters, " AND ");
}

type GroupRow = FigureRow & { key: string; assistant_id: string };

async function readGroups(query: UsageQuery, where: Prisma.Sql): Promise<GroupRow[]> {
  const db = getDb();
  const group = query.group_by;
  if (group === "day" || group === "hour") {
    return db.$queryRaw<GroupRow[]>`
      SELECT to_char(date_trunc(${group}::text, bucket), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS key, '' AS assistant_id, ${sums}
      FROM "UsageRollup" WHERE ${where} GROUP BY 1 ORDER BY 1 LIMIT ${USAGE_MAX_ROWS + 1}`;
  }
  // An end user belongs to one assistant: grouping by both keeps it for the row.
  const assistant = group === "user" ? Prisma.sql`"assistantId"` : Prisma.sql`''`;
  return db.$queryRaw<GroupRow[]>`
    SELECT ${groupColumn[group]} AS key, ${assistant} AS assistant_id, ${sums}
    FROM "UsageRollup" WHERE ${where} GROUP BY 1, 2
    ORDER BY requests DESC, key LIMIT ${USAGE_MAX_ROWS + 1}`;
}

async function readSeries(where: Prisma.Sql): Promise<Map<number, UsageFigures>> {
  const rows = await getDb().$queryRaw<(FigureRow & { bucket: Date })[]>`
    SELECT bucket, ${sums} FROM "UsageRollup" WHERE ${where} GROUP BY bucket`;
  return new Map(rows.map((row) => [row.bucket.getTime(), figuresOf(row)]));
}

/** What to show for each group's key: names where they are known. */
async function labelsOf(group: UsageQuery["group_by"], keys: string[]): Promise<Map<string, string>> {
  const db = getDb();
  const ids = keys.filter((key) => key !== "");
  const labels = new Map<string, string>();
  switch (group) {
    case "assistant":
      for (const row of await db.assistant.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true },
      }))
        labels.set(row.id, row.name);
      for (const id of ids) if (!labels.has(id)) labels.set(id, `${id} (deleted)`);
      // Model calls of no assistant (record-model-usage.ts): drafting one from files.
      labels.set("", "No assistant (drafting from files)");
      break;
    case "key":
      for (const row of await db.apiKey.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, prefix: true },
      }))
        labels.set(row.id, `${row.name} (${row.prefix}…)`);
      for (const id of ids) if (!labels.has(id)) labels.set(id, `${id} (deleted)`);
      labels.set("", "No API key (console, widget, master key)");
      break;
    case "user":
      for (const row of await db.endUser.findMany({
        where: { id: { in: ids } },
        select: { id: true, externalId: true },
      }))
        labels.set(row.id, row.externalId);
      for (const id of ids) if (!labels.has(id)) labels.set(id, "(erased end user)");
      labels.set("", "No end user");
      break;
    case "backend":
      for (const row of await db.backend.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true },
      }))
        labels.set(row.id, row.name);
      for (const id of ids) if (!labels.has(id)) labels.set(id, `${id} (deleted)`);
      labels.set("", "No backend (retrieval only, refused before a model)");
      break;
    default:
      break;
  }
  return labels;
}

/** Whether cost means anything: some usage was priced, or some backend has prices now. */
async function isPriced(totalCost: number): Promise<boolean> {
  if (totalCost > 0) return true;
  const priced = await getDb().backend.count({
    where: {
      OR: [
        { priceInputPerMillion: { gt: 0 } },
        { priceOutputPerMillion: { gt: 0 } },
        { pricePerGpuHour: { gt: 0 } },
      ],
    },
  });
  return priced > 0;
}

export async function readUsage(actor: Actor, query: UsageQuery): Promise<UsageReport> {
  authorize(actor, "usage:read");
  const now = new Date();
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - WEEK);
  const window = usageWindow(from, to, query.group_by, now);
  const where = filtersOf(query, window);
  const [groups, series] = await Promise.all([readGroups(query, where), readSeries(where)]);
  const labels = await labelsOf(
    query.group_by,
    groups.map((row) => row.key),
  );
  const rows: UsageRow[] = groups.slice(0, USAGE_MAX_ROWS).map((row) => ({
    key: row.key,
    label: labels.get(row.key) ?? row.key,
    assistant_id: query.group_by === "user" ? row.assistant_id : null,
    ...figuresOf(row),
  }));
  const buckets = bucketsOf(window).map((bucket) => ({
    bucket: bucket.toISOString(),
    ...(series.get(bucket.getTime()) ?? figuresOf(undefined)),
  }));
  const totals = buckets.reduce<UsageFigures>(
    (total, { bucket: _bucket, ...figures }) => addFigures(total, figures),
    figuresOf(undefined),
  );
  return {
    object: "usage.report",
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    granularity: window.period,
    group_by: query.group_by,
    currency: "USD",
    priced: await isPriced(totals.cost),
    totals,
    rows,
    rows_truncated: groups.length > USAGE_MAX_ROWS,
    series: buckets,
  };
}
