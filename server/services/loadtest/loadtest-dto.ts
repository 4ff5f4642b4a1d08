import type { Prisma } from "../../db/client";
import {
  loadTestLevelResultSchema,
  loadTestScenarioSchema,
  servedBySchema,
  type LoadTestDto,
  type LoadTestLevelDto,
} from "../../schemas/loadtest";
import { z } from "zod";

export type LoadTestRow = Prisma.LoadTestRunGetPayload<{ include: { levels: true } }>;

export const withLevels = {
  levels: { orderBy: { position: "asc" } },
} as const satisfies Prisma.LoadTestRunInclude;

const levelStatusSchema = z.enum(["pending", "running", "completed", "stopped"]);

/**
 * The largest level within the SLA, counting up from the first level until one fails: a
 * deployment "carries N users" only if it also carried every smaller level tested.
 */
export function maxUsersWithinSla(
  levels: Pick<LoadTestLevelDto, "users" | "status" | "result">[],
): number | null {
  let best: number | null = null;
  for (const level of levels) {
    if (level.status !== "completed" || !level.result?.sla_met) break;
    best = level.users;
  }
  return best;
}

/** The run's verdict: every level completed and within the SLA; null without a complete answer. */
export function runSlaMet(levels: Pick<LoadTestLevelDto, "status" | "result">[]): boolean | null {
  if (levels.some((level) => level.status === "completed" && level.result?.sla_met === false)) return false;
  if (levels.length > 0 && levels.every((level) => level.status === "completed" && level.result?.sla_met)) {
    return true;
  }
  return null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toLoadTestDto(row: LoadTestRow): LoadTestDto {
  const levels: LoadTestLevelDto[] = row.levels.map((level) => ({
    users: level.users,
    status: levelStatusSchema.catch("pending").parse(level.status),
    started_at: iso(level.startedAt),
    finished_at: iso(level.finishedAt),
    result: level.result === null ? null : loadTestLevelResultSchema.parse(level.result),
  }));
  return {
    id: row.id,
    object: "loadtest",
    assistant_id: row.assistantId,
    label: row.label,
    status: row.status,
    scenario: loadTestScenarioSchema.parse(row.scenario),
    created_by: row.createdBy,
    error: row.error,
    served_by: z.array(servedBySchema).catch([]).parse(row.servedBy),
    levels,
    sla_met: runSlaMet(levels),
    max_users_within_sla: maxUsersWithinSla(levels),
    stop_requested_at: iso(row.stopRequestedAt),
    created_at: row.createdAt.toISOString(),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
  };
}
