// What the Capacity page derives from the planner's answer (observability.capacity): the target
// users box read with the API's own bounds, one row per backend across both plans (a ladder step
// that changes the model can move an assistant onto other backends), and the words for plans,
// SLAs, backends needed and the latest load test.
import type { SlaStep } from "@/server/schemas/assistant";
import { capacityQuerySchema, type AssistantCapacity } from "@/server/schemas/capacity";
import { describeSlaStep, formatSlaDuration } from "../chat/sla-format";
import { formatCount, NO_VALUE } from "../dashboard/format-metrics";

export type CapacityPlan = AssistantCapacity["as_configured"];

export type TargetUsers = { ok: true; users: number | undefined } | { ok: false; message: string };

const MAX_TARGET_USERS = 1_000_000;

/** The "Target users" box: empty for no target, else a whole number the API accepts. */
export function parseTargetUsers(text: string): TargetUsers {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, users: undefined };
  const parsed = capacityQuerySchema.shape.users.safeParse(trimmed);
  if (!parsed.success || parsed.data === undefined) {
    return { ok: false, message: `Enter a whole number from 1 to ${formatCount(MAX_TARGET_USERS)}` };
  }
  return { ok: true, users: parsed.data };
}

export interface CapacityCell {
  maxUsers: number;
  /** False while the backend has not answered for the plan's model: the figure is the defaults'. */
  learned: boolean;
}

export interface CapacityRow {
  backendId: string;
  backend: string;
  /** Null when the backend does not serve the plan's model. */
  asConfigured: CapacityCell | null;
  degraded: CapacityCell | null;
}

function cellsByBackend(plan: CapacityPlan | null): Map<string, CapacityCell> {
  return new Map(
    (plan?.backends ?? []).map((entry) => [
      entry.backend_id,
      { maxUsers: entry.max_users, learned: entry.learned },
    ]),
  );
}

/** Every backend serving either plan: the as-configured ones first, in the planner's order. */
export function capacityRows(assistant: AssistantCapacity): CapacityRow[] {
  const configured = cellsByBackend(assistant.as_configured);
  const degraded = cellsByBackend(assistant.degraded);
  const backends = [...assistant.as_configured.backends, ...(assistant.degraded?.backends ?? [])];
  const seen = new Set<string>();
  return backends.flatMap((entry) => {
    if (seen.has(entry.backend_id)) return [];
    seen.add(entry.backend_id);
    return [
      {
        backendId: entry.backend_id,
        backend: entry.backend,
        asConfigured: configured.get(entry.backend_id) ?? null,
        degraded: degraded.get(entry.backend_id) ?? null,
      },
    ];
  });
}

/** Whether any figure of the assistant comes from the defaults rather than from answers. */
export function hasUnlearned(assistant: AssistantCapacity): boolean {
  return [assistant.as_configured, assistant.degraded].some((plan) =>
    plan?.backends.some((entry) => !entry.learned),
  );
}

/** "gpt-oss-20b · reasoning medium · max 2,048 tokens" */
export function describePlan(plan: CapacityPlan): string {
  return [
    plan.model,
    `reasoning ${plan.reasoning_effort}`,
    plan.max_output_tokens === null ? null : `max ${formatCount(plan.max_output_tokens)} tokens`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** What the ladder changes, e.g. "reasoning low, max 512 tokens". */
export function describeDegradation(base: CapacityPlan, degraded: CapacityPlan): string {
  const step: SlaStep = {
    ...(degraded.reasoning_effort !== base.reasoning_effort && {
      reasoning_effort: degraded.reasoning_effort,
    }),
    ...(degraded.max_output_tokens !== null &&
      degraded.max_output_tokens !== base.max_output_tokens && {
        max_output_tokens: degraded.max_output_tokens,
      }),
    ...(degraded.model !== base.model && { model: degraded.model }),
  };
  return describeSlaStep(step) || "no change";
}

/** "Average ≤ 90 s", "p95 ≤ 120 s" (or "not set") and the control mode, in reading order. */
export function describeSla(sla: AssistantCapacity["sla"]): { label: string; value: string }[] {
  return [
    { label: "Average", value: `≤ ${formatSlaDuration(sla.avg_ms)}` },
    { label: "p95", value: sla.p95_ms === null ? "not set" : `≤ ${formatSlaDuration(sla.p95_ms)}` },
    { label: "Control", value: sla.control },
  ];
}

/** A plan's users within the SLA, e.g. "12"; a dash on a backend that does not serve it. */
export function formatUsers(cell: CapacityCell | null): string {
  return cell === null ? NO_VALUE : formatCount(cell.maxUsers);
}

/** The "Backends needed" cell for a target, and why when there is no number. */
export function backendsNeededText(plan: CapacityPlan): string {
  if (plan.backends_needed !== null) return formatCount(plan.backends_needed);
  if (plan.backends.length === 0) return `No backend serves ${plan.model}`;
  return "Out of reach: even one user breaks the SLA";
}

/** "12 users", "1 user" */
export function pluralUsers(users: number): string {
  return `${formatCount(users)} ${users === 1 ? "user" : "users"}`;
}

/** The latest load test's measurement in words. */
export function measuredText(loadTest: NonNullable<AssistantCapacity["load_test"]>): string {
  return loadTest.max_users_within_sla === null
    ? "no level within the SLA"
    : `up to ${pluralUsers(loadTest.max_users_within_sla)} within the SLA`;
}

/** The assistants whose name or id contains the search text (any case); all of them for an empty search. */
export function matchingAssistants(assistants: AssistantCapacity[], search: string): AssistantCapacity[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return assistants;
  return assistants.filter(
    (assistant) =>
      assistant.name.toLocaleLowerCase().includes(needle) ||
      assistant.assistant_id.toLocaleLowerCase().includes(needle),
  );
}

/** "Showing 10 of 25 enabled assistants"; searched: "2 of 25 enabled assistants match". */
export function cardsShownText(shown: number, matching: number, total: number, searched: boolean): string {
  const of = `${formatCount(total)} enabled assistant${total === 1 ? "" : "s"}`;
  if (!searched) return `Showing ${formatCount(shown)} of ${of}`;
  const match = `${formatCount(matching)} of ${of} match${total === 1 ? "es" : ""}`;
  return shown < matching ? `${match}; showing ${formatCount(shown)}` : match;
}
