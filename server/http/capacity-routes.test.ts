// GET /admin/capacity through its route handler: on a completion model taught known answers (the
// A6000 GPT-OSS-20B curve: 1,800 tokens at medium effort, 1,400 at low, (b + 2.5) / 253.4 s per
// token), each backend carries 10 users within 90 s as configured and 13 with the ladder; a target
// of 40 users needs 4 backends; the latest load test's figure is beside it; only admins may look,
// and bad queries are 400s.
import { beforeEach, describe, expect, test } from "vitest";
import * as capacityRoute from "@/app/admin/capacity/route";
import { getDb } from "@/server/db/client";
import { capacitySchema } from "@/server/schemas/capacity";
import { updateAssistant } from "@/server/services/assistants/update-assistant";
import { createBackend } from "@/server/services/backends/create-backend";
import { replaceCompletionModel } from "@/server/services/sla/completion-model-instance";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import { createChatAssistant, SIM_MODEL } from "@/server/test/chat";
import { teachA6000Curve } from "@/server/test/completion-model";
import { LEVEL_RESULT } from "@/server/test/loadtests";
import { callRoute } from "@/server/test/rest";

let admin: Record<string, string>;
let backendIds: string[];

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
  backendIds = [];
  for (const name of ["gpu-1", "gpu-2"]) {
    const backend = await createBackend(master, {
      name,
      kind: "openai_compatible",
      base_url: `http://127.0.0.1:9/${name}/v1`,
      models: [SIM_MODEL],
    });
    backendIds.push(backend.id);
  }
  await createChatAssistant("support");
  await updateAssistant(master, "support", {
    name: "Support",
    sla: { avg_ms: 90_000, control: "degrade", degradation: [{ reasoning_effort: "low" }] },
  });
  teachA6000Curve(replaceCompletionModel(), {
    backendIds,
    answers: 60,
    batchOf: (round) => 1 + (round % 14),
  });
});

const capacity = (query = "", headers = admin) =>
  callRoute(capacityRoute.GET, { path: `/admin/capacity${query}`, headers });

describe("GET /admin/capacity", () => {
  test("users within the SLA per backend, as configured and degraded, and the backends a target needs", async () => {
    const response = await capacity("?users=40");
    expect(response.status).toBe(200);
    const body = capacitySchema.strict().parse(response.json);
    expect(body.users).toBe(40);
    expect(body.assistants).toHaveLength(1);
    const [support] = body.assistants;
    expect(support).toMatchObject({
      assistant_id: "support",
      name: "Support",
      sla: { avg_ms: 90_000, p95_ms: null, control: "degrade" },
      as_configured: {
        model: SIM_MODEL,
        reasoning_effort: "medium",
        max_users: 20,
        backends_needed: 4,
        backends: [
          { backend: "gpu-1", learned: true, max_users: 10 },
          { backend: "gpu-2", learned: true, max_users: 10 },
        ],
      },
      degraded: { reasoning_effort: "low", max_users: 26, backends_needed: 4 },
      load_test: null,
    });
  });

  test("without a target no backends are counted; the latest completed load test is beside it", async () => {
    await getDb().loadTestRun.create({
      data: {
        id: "lt_1",
        assistantId: "support",
        status: "completed",
        createdBy: "master_key",
        finishedAt: new Date(),
        scenario: {
          endpoint: "ask",
          user_levels: [5, 10],
          duration_seconds: 10,
          requests_per_user: null,
          ramp_up_seconds: 0,
          think_time_ms: 0,
          request_timeout_seconds: 300,
          prompts: { source: "builtin", count: 20 },
          sla: { avg_ms: 90_000, p95_ms: null, ttft_ms: null, error_rate: null },
        },
        levels: {
          create: [5, 10].map((users, position) => ({
            id: `lt_1_${position}`,
            position,
            users,
            status: "completed",
            result: { ...LEVEL_RESULT, sla_met: users === 5 },
          })),
        },
      },
    });
    const body = capacitySchema.parse((await capacity("?assistant_id=support")).json);
    expect(body.users).toBeNull();
    expect(body.assistants[0]?.as_configured.backends_needed).toBeNull();
    expect(body.assistants[0]?.load_test).toMatchObject({ id: "lt_1", max_users_within_sla: 5 });
  });

  test("a backend never heard from is predicted from the defaults, and says so", async () => {
    replaceCompletionModel();
    const body = capacitySchema.parse((await capacity()).json);
    expect(body.assistants[0]?.as_configured.backends.every((backend) => !backend.learned)).toBe(true);
  });

  test("an assistant without a ladder has no degraded plan; another assistant's filter leaves it out", async () => {
    await updateAssistant(master, "support", { sla: { degradation: [] } });
    expect(capacitySchema.parse((await capacity()).json).assistants[0]?.degraded).toBeNull();
    expect(capacitySchema.parse((await capacity("?assistant_id=other")).json).assistants).toEqual([]);
  });

  test("admins only; bad queries are 400", async () => {
    expect((await capacity("", {})).status).toBe(401);
    const runtime = bearer((await createKeyActor("runtime")).secret);
    expect((await capacity("", runtime)).status).toBe(403);
    for (const query of ["?users=0", "?users=abc", "?unknown=1"]) {
      const response = await capacity(query);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ error: { code: "INVALID_INPUT" } });
    }
  });
});
