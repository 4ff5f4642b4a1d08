// The console dashboard's source: observability.telemetry, as the signed-in roles and API keys
// may read it, with figures from a real answer.
import { expect, test } from "vitest";
import { askAssistant } from "@/server/services/runtime/ask-assistant";
import { anonymous, createKeyActor, createUserActor, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { callerFor } from "@/server/test/trpc";

const simulator = simulatorForFile();

test("a viewer reads per-assistant and per-backend windows", async () => {
  const backend = await registerSimulatorBackend(simulator(), { name: "dash-sim" });
  await createChatAssistant("dash");
  await askAssistant(master, "dash", { message: "Hello", reasoning: false }, new AbortController().signal);

  const telemetry = await callerFor(await createUserActor("viewer")).observability.telemetry();
  expect(telemetry.object).toBe("telemetry");
  const dash = telemetry.assistants.find((assistant) => assistant.assistant_id === "dash")!;
  expect(dash.windows["1m"]).toMatchObject({ requests: 1, completed: 1, error_rate: 0 });
  expect(dash.windows["15m"].response_ms.p95).toBeGreaterThan(0);
  const sim = telemetry.backends.find((item) => item.backend_id === backend.id)!;
  expect(sim).toMatchObject({ name: "dash-sim", enabled: true, in_flight: 0 });
  expect(sim.windows["1h"].requests).toBe(1);
});

test("an admin key reads it; a runtime key is FORBIDDEN and anonymous UNAUTHORIZED", async () => {
  const adminKey = (await createKeyActor("admin")).actor;
  expect(await callerFor(adminKey).observability.telemetry()).toMatchObject({ assistants: [], backends: [] });
  const runtimeKey = (await createKeyActor("runtime")).actor;
  await expect(callerFor(runtimeKey).observability.telemetry()).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect(callerFor(anonymous).observability.telemetry()).rejects.toMatchObject({
    code: "UNAUTHORIZED",
  });
});

test("capacity: a viewer reads the planner; a runtime key is FORBIDDEN", async () => {
  await registerSimulatorBackend(simulator(), { name: "plan-sim" });
  await createChatAssistant("planned");
  const viewer = callerFor(await createUserActor("viewer"));
  const plan = await viewer.observability.capacity({ users: 10 });
  expect(plan).toMatchObject({ object: "capacity", users: 10 });
  const planned = plan.assistants.find((assistant) => assistant.assistant_id === "planned")!;
  expect(planned.as_configured.backends.map((backend) => backend.backend)).toEqual(["plan-sim"]);
  const runtimeKey = (await createKeyActor("runtime")).actor;
  await expect(callerFor(runtimeKey).observability.capacity({})).rejects.toMatchObject({ code: "FORBIDDEN" });
});

test("series: a viewer reads an assistant's history; bad input and unknown ids are refused", async () => {
  await registerSimulatorBackend(simulator(), { name: "series-sim" });
  await createChatAssistant("charted");
  await askAssistant(master, "charted", { message: "Hello", reasoning: false }, new AbortController().signal);

  const viewer = callerFor(await createUserActor("viewer"));
  const week = await viewer.observability.series({ range: "7d", assistant_id: "charted" });
  expect(week).toMatchObject({ object: "telemetry.series", range: "7d", bucket_seconds: 3600 });
  expect(week.sla_avg_ms).toBeGreaterThan(0);
  expect(week.buckets.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(1);
  const newest = await viewer.observability.series({
    range: "7d",
    assistant_id: "charted",
    since: week.buckets.at(-1)!.start,
  });
  expect(newest.buckets).toHaveLength(1);

  await expect(viewer.observability.series({ range: "2h" as "1h" })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
  await expect(viewer.observability.series({ assistant_id: "missing" })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  const runtimeKey = (await createKeyActor("runtime")).actor;
  await expect(callerFor(runtimeKey).observability.series({})).rejects.toMatchObject({ code: "FORBIDDEN" });
});
