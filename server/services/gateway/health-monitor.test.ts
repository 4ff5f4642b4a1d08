// The health monitor against a real backend on loopback, on a 100 ms interval: an idle replica's
// rounds space out; demand brings the interval back at once; a backend that dies while the rounds
// are spaced out is still down within a few intervals of the next round.
import { afterEach, beforeEach, expect, test } from "vitest";
import { env } from "../../env";
import { master } from "../../test/actors";
import { captureServer, type CaptureServer } from "../../test/capture-server";
import { createBackend } from "../backends/create-backend";
import {
  getGateway,
  noteHealthDemand,
  replaceGateway,
  startHealthMonitor,
  stopHealthMonitor,
} from "./gateway-instance";

const configuredInterval = env.HEARTH_HEALTH_INTERVAL_MS;
let backend: CaptureServer;

beforeEach(async () => {
  env.HEARTH_HEALTH_INTERVAL_MS = 100;
  backend = await captureServer();
  replaceGateway();
});
afterEach(async () => {
  stopHealthMonitor();
  env.HEARTH_HEALTH_INTERVAL_MS = configuredInterval;
  await backend.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rounds = () => backend.requests.filter((request) => request.path === "/health").length;

test("idle rounds space out, demand brings the interval back, a dead backend still goes down", async () => {
  const created = await createBackend(master, {
    name: "probed",
    kind: "openai_compatible",
    base_url: `${backend.origin}/v1`,
    models: ["probed-model"],
  });
  startHealthMonitor();
  // Rounds at about 0, 0.1, 0.3, 0.7 and 1.5 s: five, where a fixed interval would make sixteen.
  await sleep(1_600);
  const idle = rounds();
  expect(idle).toBeGreaterThanOrEqual(3);
  expect(idle).toBeLessThanOrEqual(7);
  expect(getGateway().view(created.id)?.health.state).toBe("healthy");

  // Demand: a round at once, the next one interval later, then spacing out again (0, 0.1, 0.3 s).
  noteHealthDemand();
  await sleep(350);
  expect(rounds() - idle).toBeGreaterThanOrEqual(2);

  // Dead while idle: the next round fails, and the failures that follow come one interval apart.
  await sleep(1_000);
  await backend.close();
  await expect
    .poll(() => getGateway().view(created.id)?.health.state, { timeout: 2_500, interval: 50 })
    .toBe("down");
});
