import { createAlertRuleEndpoint, listAlertRulesEndpoint } from "@/server/http/endpoints/alerts";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createAlertRule } from "@/server/services/alerts/create-alert-rule";
import { listAlertRules } from "@/server/services/alerts/list-alert-rules";

export const GET = handle(listAlertRulesEndpoint, ({ actor }) => listAlertRules(actor));

export const POST = handle(createAlertRuleEndpoint, ({ actor, body }) => createAlertRule(actor, body));

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
