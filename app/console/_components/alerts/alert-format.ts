// How the alerts page words kinds, thresholds, values, scopes and deliveries: ratios as
// percentages, seconds as such, assistants and backends by name.
import { alertThresholds, type AlertDto, type AlertKind, type AlertRuleDto } from "@/server/schemas/alerts";

export const kindLabels: Record<AlertKind, string> = {
  backend_down: "Backend down",
  sla_compliance: "SLA compliance",
  error_rate: "Error rate",
  ingestion_failures: "Ingestion failures",
  queue_rejections: "Admission refusals",
};

export function formatThreshold(kind: AlertKind, value: number): string {
  if (alertThresholds[kind].ratio) return `${Math.round(value * 1000) / 10}%`;
  if (kind === "backend_down") return `${Math.round(value)} s`;
  return String(Math.round(value));
}

/** The rule in words: "Fires when … ". */
export function describeRule(rule: AlertRuleDto): string {
  const threshold = formatThreshold(rule.kind, rule.threshold);
  const window =
    rule.window_seconds % 60 === 0 ? `${rule.window_seconds / 60} min` : `${rule.window_seconds} s`;
  switch (rule.kind) {
    case "backend_down":
      return `A backend down for ${threshold} or more`;
    case "sla_compliance":
      return `Below ${threshold} of answers within the SLA over ${window} (at least ${rule.min_samples} answers)`;
    case "error_rate":
      return `Above ${threshold} of answers failed over ${window} (at least ${rule.min_samples} answers)`;
    case "ingestion_failures":
      return `${threshold} or more files failed to ingest in ${window}`;
    case "queue_rejections":
      return `${threshold} or more questions refused by admission control in ${window}`;
  }
}

/** What the rule watches, by name, and the id behind it (null: every one). */
export function scopeOf(rule: AlertRuleDto): { label: string; id: string | null } {
  const id = rule.backend_id ?? rule.assistant_id;
  if (!id) return { label: rule.kind === "backend_down" ? "Every backend" : "Every assistant", id: null };
  return { label: rule.scope_name ?? `${id} (deleted)`, id };
}

/** The id in an alert's subject (`backend:<id>`, `assistant:<id>`). */
export function subjectId(subject: string): string {
  return subject.slice(subject.indexOf(":") + 1);
}

/** How an alert's webhooks went: delivered, being retried, or failed (after how many attempts). */
export function deliverySummary(alert: Pick<AlertDto, "deliveries">): string {
  if (alert.deliveries.length === 0) return "No webhook";
  const retrying = alert.deliveries.filter((delivery) => delivery.next_attempt_at !== null);
  const failed = alert.deliveries.filter((delivery) => !delivery.ok && delivery.next_attempt_at === null);
  const retried = alert.deliveries.some((delivery) => delivery.ok && delivery.attempts > 1);
  const parts: string[] = [];
  if (retrying.length > 0) parts.push(`${retrying.length} retrying after: ${retrying.at(-1)?.error ?? ""}`);
  const last = failed.at(-1);
  if (last) {
    const attempts = last.attempts > 1 ? ` after ${last.attempts} attempts` : "";
    parts.push(`${failed.length} of ${alert.deliveries.length} failed${attempts}: ${last.error ?? ""}`);
  }
  if (parts.length === 0) return `${alert.deliveries.length} delivered${retried ? " (some on a retry)" : ""}`;
  return parts.join(" · ");
}
