import { getDb, type Prisma } from "../../db/client";
import { notFound } from "../../errors";
import type { ListLoadTestsQuery, LoadTestDto } from "../../schemas/loadtest";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { cursorPage, type Page } from "../pagination/cursor-page";
import { toLoadTestDto, withLevels } from "./loadtest-dto";
import { reapStaleRuns } from "./reap-stale-runs";

export async function findLoadTest(id: string): Promise<LoadTestDto> {
  const row = await getDb().loadTestRun.findUnique({ where: { id }, include: withLevels });
  if (!row) throw notFound("Load test", id);
  return toLoadTestDto(row);
}

export async function getLoadTest(actor: Actor, id: string): Promise<LoadTestDto> {
  authorize(actor, "loadtests:read");
  await reapStaleRuns();
  return findLoadTest(id);
}

/** Newest first. */
export async function listLoadTests(actor: Actor, query: ListLoadTestsQuery): Promise<Page<LoadTestDto>> {
  authorize(actor, "loadtests:read");
  await reapStaleRuns();
  const db = getDb();
  const where: Prisma.LoadTestRunWhereInput = { assistantId: query.assistant_id, status: query.status };
  return cursorPage({
    query,
    noun: "load test",
    cursorExists: async (id) =>
      Boolean(await db.loadTestRun.findUnique({ where: { id }, select: { id: true } })),
    findMany: (window) =>
      db.loadTestRun.findMany({
        where,
        include: withLevels,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
    count: () => db.loadTestRun.count({ where }),
    toDto: toLoadTestDto,
  });
}
