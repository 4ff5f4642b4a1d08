import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { LoadTestDto } from "../../schemas/loadtest";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { activeRun } from "./active-runs";
import { findLoadTest } from "./get-loadtest";
import { recordAudit } from "../audit/record-audit";

/** How long a stop waits for this process's run to wind down before answering. */
const STOP_WAIT_MS = 10_000;

/**
 * Stops a run: requests in flight are dropped, the running level keeps its figures so far. On
 * this process it takes effect at once; a run on another replica stops at its next heartbeat.
 * Stopping a finished run changes nothing.
 */
export async function stopLoadTest(actor: Actor, id: string): Promise<LoadTestDto> {
  authorize(actor, "loadtests:manage");
  const db = getDb();
  const row = await db.loadTestRun.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw notFound("Load test", id);
  if (row.status === "queued" || row.status === "running") {
    await db.loadTestRun.updateMany({
      where: { id, stopRequestedAt: null },
      data: { stopRequestedAt: new Date() },
    });
    await recordAudit({ actor, action: "loadtest.stop", target: { type: "loadtest", id } });
    const local = activeRun(id);
    if (local) {
      local.controller.abort();
      await Promise.race([local.done, sleep(STOP_WAIT_MS, undefined, { ref: false })]);
    }
  }
  return findLoadTest(id);
}
