// Cluster admission on a PostgreSQL server: two gateways (as two replicas would have) share one
// backend's slots through the ledger. Together they never hold more than its max_concurrency; a
// freed slot goes to the oldest waiter in the cluster, whichever replica it waits on; the slots of
// a replica whose heartbeat stopped return to the pool; and a lower max_concurrency holds at once.
// PostgreSQL only: the embedded database is one process, whose admission is its own.
import { afterEach, beforeEach, describe, expect, inject, test } from "vitest";
import { getDb, type Backend } from "../../../db/client";
import { system } from "../../access/actor";
import { createBackend } from "../../backends/create-backend";
import { Gateway, type AdmissionRequest, type Lease, type Ticket } from "../gateway";
import { defaultHealthPolicy } from "../health/backend-health";
import { createPostgresSlotLedger, reclaimDeadReplicaSlots } from "./slot-ledger";
import { closeNotifications } from "../../../db/notifications";
import { heartbeat } from "../../cluster/replica";

const onServer = inject("databaseKind") === "postgres";
const controllers: AbortController[] = [];

afterEach(async () => {
  controllers.splice(0).forEach((controller) => controller.abort());
  await closeNotifications();
});

function request(): AdmissionRequest {
  const controller = new AbortController();
  controllers.push(controller);
  return { models: ["m"], sessionKey: null, signal: controller.signal };
}

async function backendRow(maxConcurrency: number): Promise<Backend> {
  const created = await createBackend(system, {
    name: "shared",
    kind: "openai_compatible",
    base_url: "http://127.0.0.1:9/v1",
    models: ["m"],
    max_concurrency: maxConcurrency,
  });
  return getDb().backend.findUniqueOrThrow({ where: { id: created.id } });
}

function replicaGateway(rows: Backend[]): Gateway {
  const gateway = new Gateway({
    policy: defaultHealthPolicy,
    queueSize: 10,
    queueTimeoutMs: 5_000,
    affinity: false,
    ledger: createPostgresSlotLedger(),
  });
  gateway.sync(rows);
  return gateway;
}

const settledWithin = async (ticket: Ticket, ms: number): Promise<Lease | null> =>
  Promise.race([ticket.lease, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

async function heldSlots(): Promise<number> {
  return getDb().backendSlot.count({ where: { leaseId: { not: null } } });
}

describe.runIf(onServer)("cluster admission", () => {
  beforeEach(async () => {
    await heartbeat();
  });

  test("two replicas together hold at most max_concurrency; a freed slot goes to the oldest waiter anywhere", async () => {
    const rows = [await backendRow(3)];
    const a = replicaGateway(rows);
    const b = replicaGateway(rows);
    const fromA = [await a.admitShared(request()), await a.admitShared(request())];
    const fromB = [await b.admitShared(request())];
    expect([...fromA, ...fromB].map((ticket) => ticket.queued)).toEqual([false, false, false]);
    expect(await heldSlots()).toBe(3);

    // Both replicas now queue: B's request first, then A's.
    const waitingOnB = await b.admitShared(request());
    expect(waitingOnB.queued).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waitingOnA = await a.admitShared(request());
    expect(waitingOnA.queued).toBe(true);
    expect(await settledWithin(waitingOnB, 300)).toBeNull();

    // A frees a slot: it goes to B's older waiter, not to A's own.
    (await fromA[0]!.lease).release({ ok: true, ttftMs: 5 });
    const granted = await settledWithin(waitingOnB, 3_000);
    expect(granted?.backend.id).toBe(rows[0]!.id);
    expect(await settledWithin(waitingOnA, 200)).toBeNull();
    expect(await heldSlots()).toBe(3);

    granted!.release({ ok: true, ttftMs: 5 });
    expect((await settledWithin(waitingOnA, 3_000))?.backend.id).toBe(rows[0]!.id);
  });

  test("a dead replica's slots return to the pool", async () => {
    const rows = [await backendRow(2)];
    const stale = new Date(Date.now() - 60_000);
    await getDb().replica.create({
      data: { id: "dead", hostname: "gone", pid: 1, startedAt: stale, heartbeatAt: stale },
    });
    const gateway = replicaGateway(rows);
    await (
      await gateway.admitShared(request())
    ).lease;
    await getDb().backendSlot.updateMany({ data: { leaseId: "held-by-dead", replicaId: "dead" } });
    expect(await heldSlots()).toBe(2);
    const ticket = await gateway.admitShared(request());
    expect(ticket.queued).toBe(false);
    expect((await ticket.lease).backend.id).toBe(rows[0]!.id);

    // The bookkeeping then clears what the dead replica left: its other slot and its waiter.
    await getDb().admissionWaiter.create({
      data: { id: "dead-waiter", model: "m", replicaId: "dead", enqueuedAt: stale },
    });
    await reclaimDeadReplicaSlots();
    expect(await getDb().backendSlot.count({ where: { replicaId: "dead" } })).toBe(0);
    expect(await heldSlots()).toBe(1);
    expect(await getDb().admissionWaiter.count()).toBe(0);
  });

  test("a lower max_concurrency holds at once", async () => {
    const row = await backendRow(4);
    const gateway = replicaGateway([row]);
    await getDb().backend.update({ where: { id: row.id }, data: { maxConcurrency: 1 } });
    const first = await gateway.admitShared(request());
    expect(first.queued).toBe(false);
    const second = await gateway.admitShared(request());
    expect(second.queued).toBe(true);
    (await first.lease).release({ ok: true, ttftMs: 5 });
    expect(await settledWithin(second, 3_000)).not.toBeNull();
  });
});
