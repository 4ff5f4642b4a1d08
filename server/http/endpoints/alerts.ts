import {
  alertDeliverySchema,
  alertDestinationDeletedSchema,
  alertDestinationIdParamsSchema,
  alertDestinationListSchema,
  alertDestinationSchema,
  alertListSchema,
  alertRuleDeletedSchema,
  alertRuleIdParamsSchema,
  alertRuleListSchema,
  alertRuleSchema,
  createAlertDestinationInputSchema,
  createAlertRuleInputSchema,
  listAlertsQuerySchema,
  updateAlertDestinationInputSchema,
  updateAlertRuleInputSchema,
} from "../../schemas/alerts";
import { defineEndpoint } from "../endpoint";

const tag = "Alerts (admin)";
const auth = ["UNAUTHORIZED", "FORBIDDEN"] as const;
const body = ["INVALID_INPUT", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const;

export const listAlertsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/alerts",
  summary: "List alerts",
  description:
    "Alerts firing now, then the history (resolved alerts are kept 90 days), each with its webhook deliveries. " +
    "Every replica evaluates the rules every `HEARTH_ALERT_INTERVAL_MS`; an alert is opened once, whatever the " +
    "number of replicas, and resolves once no replica has seen its condition for two intervals.",
  tag,
  auth: "admin",
  query: listAlertsQuerySchema,
  response: alertListSchema,
  errors: [...auth, "INVALID_INPUT"],
});

export const listAlertRulesEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/alerts/rules",
  summary: "List alert rules",
  description: "The built-in rules (which exist from the start) and those added.",
  tag,
  auth: "admin",
  response: alertRuleListSchema,
  errors: [...auth],
});

export const createAlertRuleEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/alerts/rules",
  summary: "Add an alert rule",
  description:
    "`threshold` depends on `kind` (see AlertKind): seconds for `backend_down`, a ratio 0-1 for `sla_compliance` " +
    "and `error_rate`, a count for `ingestion_failures` and `queue_rejections`.",
  tag,
  auth: "admin",
  body: createAlertRuleInputSchema,
  response: alertRuleSchema,
  status: 201,
  errors: [...auth, ...body],
});

export const getAlertRuleEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/alerts/rules/{rule_id}",
  summary: "Get an alert rule",
  tag,
  auth: "admin",
  params: alertRuleIdParamsSchema,
  response: alertRuleSchema,
  errors: [...auth, "NOT_FOUND"],
});

export const updateAlertRuleEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/alerts/rules/{rule_id}",
  summary: "Update an alert rule (partial; `enabled: false` disables it and resolves its alerts)",
  tag,
  auth: "admin",
  params: alertRuleIdParamsSchema,
  body: updateAlertRuleInputSchema,
  response: alertRuleSchema,
  errors: [...auth, ...body, "NOT_FOUND"],
});

export const deleteAlertRuleEndpoint = defineEndpoint({
  method: "delete",
  path: "/admin/alerts/rules/{rule_id}",
  summary: "Delete an alert rule and its alerts",
  description: "Built-in rules cannot be deleted (409): disable them instead.",
  tag,
  auth: "admin",
  params: alertRuleIdParamsSchema,
  response: alertRuleDeletedSchema,
  errors: [...auth, "NOT_FOUND", "CONFLICT"],
});

export const listAlertDestinationsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/alerts/destinations",
  summary: "List alert webhooks",
  tag,
  auth: "admin",
  response: alertDestinationListSchema,
  errors: [...auth],
});

export const createAlertDestinationEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/alerts/destinations",
  summary: "Add an alert webhook",
  description:
    "Alerts are posted to every enabled webhook when they fire and when they resolve; a failure that may pass " +
    "(no answer, 5xx, 429) is tried again, up to 3 attempts. The URL and secret are " +
    "stored sealed and never shown again. Webhooks reach public addresses only, unless " +
    "`HEARTH_ALERT_WEBHOOK_HOSTS` lists a private host; this is checked on every delivery, after DNS resolution.",
  tag,
  auth: "admin",
  body: createAlertDestinationInputSchema,
  response: alertDestinationSchema,
  status: 201,
  errors: [...auth, ...body],
});

export const getAlertDestinationEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/alerts/destinations/{destination_id}",
  summary: "Get an alert webhook",
  tag,
  auth: "admin",
  params: alertDestinationIdParamsSchema,
  response: alertDestinationSchema,
  errors: [...auth, "NOT_FOUND"],
});

export const updateAlertDestinationEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/alerts/destinations/{destination_id}",
  summary: "Update an alert webhook (partial)",
  description:
    "A field left out stays as it is: the URL and the secret are never shown, so they are sent only to change " +
    "them; `secret: null` removes the secret (messages go unsigned); `enabled: false` stops posting to it.",
  tag,
  auth: "admin",
  params: alertDestinationIdParamsSchema,
  body: updateAlertDestinationInputSchema,
  response: alertDestinationSchema,
  errors: [...auth, ...body, "NOT_FOUND"],
});

export const deleteAlertDestinationEndpoint = defineEndpoint({
  method: "delete",
  path: "/admin/alerts/destinations/{destination_id}",
  summary: "Delete an alert webhook",
  tag,
  auth: "admin",
  params: alertDestinationIdParamsSchema,
  response: alertDestinationDeletedSchema,
  errors: [...auth, "NOT_FOUND"],
});

export const testAlertDestinationEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/alerts/destinations/{destination_id}/test",
  summary: "Send a test message to an alert webhook",
  description:
    "Posts a test message (`event: test`) now, once (alert messages are retried, a test is not), and answers how " +
    "it went: 200 either way, with `ok`, the webhook's `status_code` and, on failure, why in `error`.",
  tag,
  auth: "admin",
  params: alertDestinationIdParamsSchema,
  response: alertDeliverySchema,
  errors: [...auth, "NOT_FOUND"],
});
