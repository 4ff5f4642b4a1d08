// How the alerts page words kinds, thresholds and values: ratios as percentages, seconds as such.
import { alertThresholds, type AlertKind, type AlertRuleDto } from "@/server/schemas/alerts";

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

export function scopeOf(rule: AlertRuleDto): string {
  if (rule.backend_id) return `Backend ${rule.backend_id}`;
  if (rule.assistant_id) return `Assistant ${rule.assistant_id}`;
  return rule.kind === "backend_down" ? "Every backend" : "Every assistant";
}
