// SLA control through the REST API, on the worker's own simulator: an assistant's sla.control and
// ladder are stored and validated; its answers carry the `sla` object (absent with `off`); and
// GET /admin/capacity plans it, learned from that answer.
import { expect, expectApiError, test } from "../fixtures";
import { createAssistant, type AskResponse } from "../support/runtime-api";

interface Capacity {
  object: string;
  users: number | null;
  assistants: {
    assistant_id: string;
    sla: { avg_ms: number; control: string };
    as_configured: {
      backends: { backend: string; learned: boolean; max_users: number }[];
      backends_needed: number | null;
    };
    degraded: { reasoning_effort: string } | null;
  }[];
}

test("an assistant under SLA control answers with its sla, and the planner counts its backend", async ({
  api,
  llm,
  uniqueId,
}) => {
  const id = await createAssistant(api, uniqueId("sla"), {
    model: llm.model,
    sla: { avg_ms: 60_000, control: "degrade", degradation: [{ reasoning_effort: "low" }] },
  });
  const response = await api.post(`/assistants/${id}/ask`, {
    data: { message: "How do I reset my password?" },
  });
  expect(response.status(), await response.text()).toBe(200);
  const answer = (await response.json()) as AskResponse & { sla?: Record<string, unknown> };
  expect(answer.sla).toMatchObject({ target_ms: 60_000, degraded: [], met: true });
  expect(answer.sla?.predicted_ms).toEqual(expect.any(Number));

  const capacity = await api.get("/admin/capacity", { params: { assistant_id: id, users: 10 } });
  expect(capacity.status()).toBe(200);
  const plan = (await capacity.json()) as Capacity;
  expect(plan).toMatchObject({ object: "capacity", users: 10 });
  expect(plan.assistants).toHaveLength(1);
  expect(plan.assistants[0]).toMatchObject({
    assistant_id: id,
    sla: { avg_ms: 60_000, control: "degrade" },
    degraded: { reasoning_effort: "low" },
  });
  const backend = plan.assistants[0]!.as_configured.backends.find(
    (entry) => entry.backend === llm.backend.name,
  );
  expect(backend).toMatchObject({ learned: true });
  expect(backend!.max_users).toBeGreaterThan(0);

  const off = await api.post(`/admin/assistants/${id}`, { data: { sla: { control: "off" } } });
  expect(off.status()).toBe(200);
  const plain = (await (
    await api.post(`/assistants/${id}/ask`, { data: { message: "Hello?" } })
  ).json()) as object;
  expect(plain).not.toHaveProperty("sla");
});

test("a bad ladder or control is 400 INVALID_INPUT; the planner's query is checked", async ({
  api,
  uniqueId,
}) => {
  const id = await createAssistant(api, uniqueId("sla-bad"));
  for (const sla of [
    { degradation: [{}] },
    { degradation: [{ temperature: 0 }] },
    { control: "sometimes" },
  ]) {
    await expectApiError(await api.post(`/admin/assistants/${id}`, { data: { sla } }), 400, "INVALID_INPUT");
  }
  await expectApiError(await api.get("/admin/capacity", { params: { users: 0 } }), 400, "INVALID_INPUT");
});
