// Quotas in console forms: five text inputs (an empty one is no limit) that the schema turns into
// the API's Quotas, with the server's own bounds, so the form refuses exactly what the server would.
// Shared by the API key dialogs and the assistant form (its end-user quotas).
import { z } from "zod";
import { quotasSchema, type QuotaName, type Quotas } from "@/server/schemas/quotas";

export const QUOTA_NAMES = [
  "requests_per_minute",
  "tokens_per_day",
  "tokens_per_month",
  "concurrent_streams",
  "cost_per_month",
] as const satisfies readonly QuotaName[];

/** A limit in the form: a number, or blank for no limit. */
function limitField(name: QuotaName) {
  return z
    .string()
    .transform((value) => (value.trim() === "" ? null : Number(value)))
    .pipe(quotasSchema.shape[name].unwrap());
}

export const quotasField = z.object({
  requests_per_minute: limitField("requests_per_minute"),
  tokens_per_day: limitField("tokens_per_day"),
  tokens_per_month: limitField("tokens_per_month"),
  concurrent_streams: limitField("concurrent_streams"),
  cost_per_month: limitField("cost_per_month"),
}) satisfies z.ZodType<Quotas, Record<QuotaName, string>>;

export type QuotaFormValues = z.input<typeof quotasField>;

export const noQuotaValues: QuotaFormValues = {
  requests_per_minute: "",
  tokens_per_day: "",
  tokens_per_month: "",
  concurrent_streams: "",
  cost_per_month: "",
};

export function toQuotaFormValues(quotas: Quotas): QuotaFormValues {
  const text = (value: number | null) => (value === null ? "" : String(value));
  return {
    requests_per_minute: text(quotas.requests_per_minute),
    tokens_per_day: text(quotas.tokens_per_day),
    tokens_per_month: text(quotas.tokens_per_month),
    concurrent_streams: text(quotas.concurrent_streams),
    cost_per_month: text(quotas.cost_per_month),
  };
}

export { hasQuotas } from "@/server/schemas/quotas";

/** The quota a server-side validation path names (`quotas.tokens_per_day`), if any. */
export function quotaForPath(path: string, prefix: string): QuotaName | undefined {
  const name = path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : undefined;
  return QUOTA_NAMES.find((quota) => quota === name);
}
