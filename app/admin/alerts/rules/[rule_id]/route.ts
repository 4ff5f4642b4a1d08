import {
  deleteAlertRuleEndpoint,
  getAlertRuleEndpoint,
  updateAlertRuleEndpoint,
} from "@/server/http/endpoints/alerts";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteAlertRule } from "@/server/services/alerts/delete-alert-rule";
import { getAlertRule } from "@/server/services/alerts/list-alert-rules";
import { updateAlertRule } from "@/server/services/alerts/update-alert-rule";

export const GET = handle(getAlertRuleEndpoint, ({ actor, params }) => getAlertRule(actor, params.rule_id));

export const POST = handle(updateAlertRuleEndpoint, ({ actor, params, body }) =>
  updateAlertRule(actor, params.rule_id, body),
);

export const DELETE = handle(deleteAlertRuleEndpoint, ({ actor, params }) =>
  deleteAlertRule(actor, params.rule_id),
);

export const { PUT, PATCH, OPTIONS } = allowOnly(GET, POST, DELETE);
