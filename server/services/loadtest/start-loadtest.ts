import { setMaxListeners } from "node:events";
import { randomBytes } from "node:crypto";
import { getDb, type Prisma } from "../../db/client";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import type { LoadTestDto, StartLoadTestInput } from "../../schemas/loadtest";
import { describeActor, type Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { trackRun } from "./active-runs";
import { executeRun } from "./execute-run";
import { toLoadTestDto, withLevels } from "./loadtest-dto";
import { reapStaleRuns } from "./reap-stale-runs";
import { resolveScenario } from "./resolve-scenario";
import { loadTestTargetUrl } from "./target-url";
import { recordAudit } from "../audit/record-audit";

export interface StartOptions {
  /** Base URL of the Hearth API the users call (default: this server, see target-url.ts). */
  targetUrl?: string;
}

// Starting is serialized in this process so that two starts cannot both pass the one-run check.
let startQueue: Promise<unknown> = Promise.resolve();
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const next = startQueue.then(task, task);
  startQueue = next.catch(() => undefined);
  return next;
}

async function assertNoRunInProgress(): Promise<void> {
  await reapStaleRuns();
  const running = await getDb().loadTestRun.findFirst({
    where: { status: { in: ["queued", "running"] } },
    select: { id: true },
  });
  if (running) {
    throw new AppError(
      "CONFLICT",
      `Load test '${running.id}' is still running: one load test runs at a time (stop it or wait for it to end)`,
    );
  }
}

/**
 * Validates and stores a run, then executes it in the background of this process; the returned
 * run is `queued`, and GET /admin/loadtests/{id} follows it.
 */
export async function startLoadTest(
  actor: Actor,
  input: StartLoadTestInput,
  options: StartOptions = {},
): Promise<LoadTestDto> {
  authorize(actor, "loadtests:manage");
  const db = getDb();
  const assistant = await db.assistant.findUnique({ where: { id: input.assistant_id } });
  if (!assistant) {
    throw new AppError("INVALID_INPUT", `Assistant '${input.assistant_id}' was not found`, {
      details: [{ path: "body.assistant_id", message: "no such assistant" }],
    });
  }
  if (!assistant.enabled) {
    throw new AppError(
      "ASSISTANT_DISABLED",
      `Assistant '${assistant.id}' is disabled: enable it to load test it`,
    );
  }
  const scenario = await resolveScenario(input, assistant);
  return serialized(async () => {
    await assertNoRunInProgress();
    const id = `lt_${randomBytes(10).toString("hex")}`;
    const row = await db.loadTestRun.create({
      data: {
        id,
        assistantId: assistant.id,
        label: input.label,
        scenario: scenario as unknown as Prisma.InputJsonValue,
        createdBy: actor.kind === "user" ? actor.email : describeActor(actor),
        heartbeatAt: new Date(),
        levels: {
          create: scenario.user_levels.map((users, position) => ({
            id: `${id}_${position}`,
            position,
            users,
          })),
        },
      },
      include: withLevels,
    });
    const controller = new AbortController();
    // Every virtual user's request listens to it (hundreds at once): not a leak.
    setMaxListeners(0, controller.signal);
    const done = executeRun(
      { runId: id, assistantId: assistant.id, scenario, targetUrl: options.targetUrl ?? loadTestTargetUrl() },
      controller,
    ).catch((error: unknown) => logger.error({ err: error, loadTestId: id }, "load test crashed"));
    trackRun(id, { controller, done });
    const started = toLoadTestDto(row);
    await recordAudit({
      actor,
      action: "loadtest.start",
      target: { type: "loadtest", id },
      changes: { after: { assistant_id: assistant.id, label: input.label, scenario } },
    });
    return started;
  });
}
