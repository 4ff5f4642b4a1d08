// Quotas on who asks: per API key, and per end user of an assistant (the `user` a caller names, or
// a widget visitor). Every limit is optional; null is no limit.
import { z } from "zod";
import { timestampSchema } from "./common";

export const quotasSchema = z
  .strictObject({
    requests_per_minute: z.number().int().min(1).max(1_000_000).nullable().default(null).meta({
      description: "Questions per minute (a fixed window shared by every replica).",
    }),
    tokens_per_day: z.number().int().min(1).max(1e12).nullable().default(null).meta({
      description: "Prompt and completion tokens per UTC day, of the answers recorded so far.",
    }),
    tokens_per_month: z.number().int().min(1).max(1e13).nullable().default(null).meta({
      description: "Prompt and completion tokens per UTC calendar month.",
    }),
    concurrent_streams: z.number().int().min(1).max(100_000).nullable().default(null).meta({
      description: "Answers in progress at once (counted by each replica for its own).",
    }),
    cost_per_month: z.number().min(0).max(1e9).nullable().default(null).meta({
      description: "USD per UTC calendar month, from the backends' prices.",
    }),
  })
  .meta({ id: "Quotas", description: "Limits on questions; null is no limit." });
export type Quotas = z.infer<typeof quotasSchema>;
export type QuotaName = keyof Quotas;

export const NO_QUOTAS: Quotas = {
  requests_per_minute: null,
  tokens_per_day: null,
  tokens_per_month: null,
  concurrent_streams: null,
  cost_per_month: null,
};

/** Whether any limit is set. */
export function hasQuotas(quotas: Quotas): boolean {
  return Object.values(quotas).some((limit) => limit !== null);
}

/** Stored quotas (JSON) as the schema's object: anything missing or malformed is no limit. */
export function quotasOf(stored: unknown): Quotas {
  const parsed = quotasSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : NO_QUOTAS;
}

export const quotaUsageSchema = z
  .object({
    quota: z.enum([
      "requests_per_minute",
      "tokens_per_day",
      "tokens_per_month",
      "concurrent_streams",
      "cost_per_month",
    ]),
    limit: z.number(),
    used: z.number().meta({ description: "So far in the current window." }),
    resets_at: timestampSchema
      .nullable()
      .meta({ description: "When the window starts again (null: streams)." }),
  })
  .meta({ id: "QuotaUsage" });
export type QuotaUsage = z.infer<typeof quotaUsageSchema>;

export const quotaUsageListSchema = z
  .object({ object: z.literal("list"), data: z.array(quotaUsageSchema) })
  .meta({
    id: "QuotaUsageList",
    description: "One entry per quota set, with its use in the current window.",
  });

/** The console's list of keys: each listed key's use of its quotas, in one request. */
export const keysQuotaUsageInputSchema = z.object({ ids: z.array(z.string().min(1)).min(1).max(100) });
export const keysQuotaUsageSchema = z.object({
  data: z.array(z.object({ id: z.string(), usage: z.array(quotaUsageSchema) })),
});
