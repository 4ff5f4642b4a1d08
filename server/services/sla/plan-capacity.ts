// The capacity planner (GET /admin/capacity, the console's Capacity page): for each assistant,
// the largest number of concurrent users each backend of its model carries within its SLA, by the
// completion model (a closed loop: each user has one question in flight, so n users keep a batch
// of n), as configured and with the whole degradation ladder applied; for a target number of users,
// the backends needed; and the latest load test's measured figure beside it.
import { getDb, type Backend } from "../../db/client";
import type { AssistantDto } from "../../schemas/assistant";
import type { AssistantCapacity, CapacityDto, CapacityQuery } from "../../schemas/capacity";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toAssistantDto } from "../assistants/assistant-dto";
import { syncedBackends } from "../gateway/gateway-instance";
import { maxUsersWithinSla, toLoadTestDto, withLevels } from "../loadtest/loadtest-dto";
import type { CompletionModel } from "./completion-model";
import { completionModel } from "./completion-model-instance";
import { ladderOf, type GenerationPlan, type SlaTargets } from "./plan-within-sla";

/** Users a backend carries within the SLA with this plan: the largest batch whose prediction fits. */
export function maxUsersOn(
  model: CompletionModel,
  backend: { id: string; maxConcurrency: number },
  plan: GenerationPlan,
  sla: Pick<SlaTargets, "avg_ms" | "p95_ms">,
): number {
  const p95Factor = model.marginFactor(0.95);
  const fits = (users: number) => {
    const { totalMs } = model.predict({
      backendId: backend.id,
      model: plan.model,
      effort: plan.reasoningEffort,
      maxOutputTokens: plan.maxOutputTokens,
      running: users - 1,
      queueMs: 0,
    });
    return totalMs <= sla.avg_ms && (sla.p95_ms === null || totalMs * p95Factor <= sla.p95_ms);
  };
  let users = 0;
  while (users < backend.maxConcurrency && fits(users + 1)) users += 1;
  return users;
}

function planCapacity(
  model: CompletionModel,
  backends: readonly Backend[],
  plan: GenerationPlan,
  sla: AssistantDto["sla"],
  target: number | null,
): AssistantCapacity["as_configured"] {
  const serving = backends.filter((backend) => backend.models.includes(plan.model) && !backend.draining);
  const perBackend = serving.map((backend) => ({
    backend_id: backend.id,
    backend: backend.name,
    learned: model.knows(backend.id, plan.model),
    max_users: maxUsersOn(model, backend, plan, sla),
  }));
  const maxUsers = perBackend.reduce((sum, entry) => sum + entry.max_users, 0);
  const mean = perBackend.length > 0 ? maxUsers / perBackend.length : 0;
  return {
    model: plan.model,
    reasoning_effort: plan.reasoningEffort,
    max_output_tokens: plan.maxOutputTokens,
    backends: perBackend,
    max_users: maxUsers,
    backends_needed: target === null || mean === 0 ? null : Math.ceil(target / mean),
  };
}

export async function getCapacity(actor: Actor, query: CapacityQuery): Promise<CapacityDto> {
  authorize(actor, "assistants:read");
  authorize(actor, "backends:read");
  authorize(actor, "loadtests:read");
  const backends = await syncedBackends();
  const rows = await getDb().assistant.findMany({
    where: { enabled: true, ...(query.assistant_id ? { id: query.assistant_id } : {}) },
    orderBy: { createdAt: "asc" },
  });
  const model = completionModel();
  const target = query.users ?? null;
  const assistants = await Promise.all(
    rows.map(async (row): Promise<AssistantCapacity> => {
      const assistant = toAssistantDto(row);
      const base: GenerationPlan = {
        model: assistant.model,
        reasoningEffort: assistant.generation.reasoning_effort,
        maxOutputTokens: assistant.generation.max_output_tokens,
      };
      const ladder = ladderOf(base, assistant.sla.degradation);
      const mostDegraded = ladder.length > 1 ? ladder[ladder.length - 1]!.plan : null;
      const run = await getDb().loadTestRun.findFirst({
        where: { assistantId: assistant.id, status: "completed" },
        orderBy: { finishedAt: "desc" },
        include: withLevels,
      });
      const measured = run ? toLoadTestDto(run) : null;
      return {
        assistant_id: assistant.id,
        name: assistant.name,
        sla: { avg_ms: assistant.sla.avg_ms, p95_ms: assistant.sla.p95_ms, control: assistant.sla.control },
        as_configured: planCapacity(model, backends, base, assistant.sla, target),
        degraded: mostDegraded ? planCapacity(model, backends, mostDegraded, assistant.sla, target) : null,
        load_test: measured
          ? {
              id: measured.id,
              finished_at: measured.finished_at,
              max_users_within_sla: maxUsersWithinSla(measured.levels),
            }
          : null,
      };
    }),
  );
  return { object: "capacity", users: target, assistants };
}
