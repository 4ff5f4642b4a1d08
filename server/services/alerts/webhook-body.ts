// What a webhook receives, by destination format: Hearth's generic JSON (a stable shape, the
// schema AlertWebhookBody), a Slack incoming webhook's `{text, blocks}`, or a Teams workflow
// webhook's message with one Adaptive Card. Pure, so each shape is tested without a network.
import { env } from "../../env";
import type { AlertDto, AlertEvent, AlertFormat, AlertWebhookBody } from "../../schemas/alerts";

export type AlertPayload = Omit<AlertDto, "object" | "deliveries">;

const TEST_TEXT = "Test message from Hearth: this alert destination works.";

function formatValue(alert: AlertPayload, value: number): string {
  if (alert.kind === "sla_compliance" || alert.kind === "error_rate")
    return `${Math.round(value * 1000) / 10}%`;
  if (alert.kind === "backend_down") return `${Math.round(value)} s`;
  return String(Math.round(value));
}

/** One line saying what happened, for every format. */
export function summaryOf(event: AlertEvent, alert: AlertPayload | null): string {
  if (event === "test" || !alert) return TEST_TEXT;
  if (event === "resolved") return `Resolved: ${alert.rule_name} (${alert.subject_label})`;
  return `Firing: ${alert.rule_name} (${alert.subject_label}): ${alert.message}`;
}

function facts(alert: AlertPayload): Array<[string, string]> {
  return [
    ["Rule", alert.rule_name],
    [alert.subject.startsWith("backend:") ? "Backend" : "Assistant", alert.subject_label],
    ["Value", formatValue(alert, alert.value)],
    ["Threshold", formatValue(alert, alert.threshold)],
    ["Started", alert.started_at],
    ...(alert.resolved_at ? [["Resolved", alert.resolved_at] as [string, string]] : []),
  ];
}

export function genericBody(event: AlertEvent, alert: AlertPayload | null, now: Date): AlertWebhookBody {
  return {
    object: "alert.event",
    event,
    alert,
    text: summaryOf(event, alert),
    instance: env.publicUrl,
    sent_at: now.toISOString(),
  };
}

function slackBody(event: AlertEvent, alert: AlertPayload | null) {
  const text = summaryOf(event, alert);
  if (!alert) return { text };
  const icon = event === "resolved" ? ":white_check_mark:" : ":rotating_light:";
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${icon} *${text}*` } },
      {
        type: "section",
        fields: facts(alert).map(([name, value]) => ({ type: "mrkdwn", text: `*${name}*\n${value}` })),
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `Hearth at ${env.publicUrl}/console/alerts` }] },
    ],
  };
}

function teamsBody(event: AlertEvent, alert: AlertPayload | null) {
  const text = summaryOf(event, alert);
  const body: object[] = [
    {
      type: "TextBlock",
      text,
      weight: "Bolder",
      wrap: true,
      color: event === "firing" ? "Attention" : event === "resolved" ? "Good" : "Default",
    },
  ];
  if (alert) {
    body.push({ type: "FactSet", facts: facts(alert).map(([title, value]) => ({ title, value })) });
  }
  return {
    type: "message",
    summary: text,
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          actions: [{ type: "Action.OpenUrl", title: "Open alerts", url: `${env.publicUrl}/console/alerts` }],
        },
      },
    ],
  };
}

/** The JSON body for `format`. */
export function webhookBody(
  format: AlertFormat,
  event: AlertEvent,
  alert: AlertPayload | null,
  now: Date,
): object {
  switch (format) {
    case "generic":
      return genericBody(event, alert, now);
    case "slack":
      return slackBody(event, alert);
    case "teams":
      return teamsBody(event, alert);
  }
}
