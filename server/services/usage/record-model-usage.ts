// Usage of a model call that answers no question (drafting an assistant from files): added to the
// minute, hour and day rollups as an exchange's usage is (persist-exchange.ts, one statement
// there), priced with the backend's prices now, so it shows in usage reports, in the dashboard's
// tokens and in the caller's key quotas. Such a call belongs to no assistant and no end user: both
// are '' in its rollups, and the report names that assistant row (read-usage.ts).
import { getPool } from "../../db/client";
import type { Channel } from "../../schemas/chat";

export interface ModelCallUsage {
  /** The API key that made the call; null for a console user or the master key. */
  apiKeyId: string | null;
  channel: Channel;
  model: string;
  backendId: string | null;
  outcome: "completed" | "failed" | "cancelled";
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  /** Time on the backend, from the request to its last token. */
  gpuMs: number;
}

// $1 when, $2 key (or ''), $3 channel, $4 model, $5 backend (or ''), $6 outcome, $7 prompt tokens,
// $8 completion tokens, $9 reasoning tokens, $10 time on the backend (ms).
const statement = `
  WITH figures AS (
    SELECT $7::bigint AS prompt, $8::bigint AS completion, $9::bigint AS reasoning, $10::bigint AS gpu_ms)
  INSERT INTO "UsageRollup" AS r (period, bucket, "assistantId", "apiKeyId", "endUserId", channel, model,
    "backendId", outcome, requests, "promptTokens", "completionTokens", "reasoningTokens", "gpuMs", cost)
  SELECT p.period::"UsagePeriod", date_trunc(p.period, $1::timestamp), '', $2, '', $3::"Channel", $4, $5,
    $6::"MessageStatus", 1, f.prompt, f.completion, f.reasoning, f.gpu_ms,
    COALESCE(b."priceInputPerMillion", 0) * f.prompt / 1e6
      + COALESCE(b."priceOutputPerMillion", 0) * f.completion / 1e6
      + COALESCE(b."pricePerGpuHour", 0) * f.gpu_ms / 3.6e6
  FROM figures f
    CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) AS p(period)
    LEFT JOIN "Backend" b ON b.id = $5
  ON CONFLICT (period, bucket, "assistantId", "apiKeyId", "endUserId", channel, model, "backendId", outcome)
  DO UPDATE SET
    requests = r.requests + 1,
    "promptTokens" = r."promptTokens" + EXCLUDED."promptTokens",
    "completionTokens" = r."completionTokens" + EXCLUDED."completionTokens",
    "reasoningTokens" = r."reasoningTokens" + EXCLUDED."reasoningTokens",
    "gpuMs" = r."gpuMs" + EXCLUDED."gpuMs",
    cost = r.cost + EXCLUDED.cost`;

export async function recordModelUsage(usage: ModelCallUsage, at = new Date()): Promise<void> {
  await getPool().query(statement, [
    // Stored as UTC wall-clock times (Prisma's convention for `timestamp(3)`).
    at.toISOString(),
    usage.apiKeyId ?? "",
    usage.channel,
    usage.model,
    usage.backendId ?? "",
    usage.outcome,
    Math.round(usage.promptTokens),
    Math.round(usage.completionTokens),
    Math.round(usage.reasoningTokens),
    Math.round(usage.gpuMs),
  ]);
}
