// Load test helpers for the specs: start a run through the admin API (waiting while another
// spec's run holds the one-at-a-time slot), and poll a run until it has finished.
import { expect, type APIRequestContext } from "@playwright/test";

export interface LevelResult {
  requests: number;
  successes: number;
  errors: number;
  response_ms: Record<"avg" | "median" | "p90" | "p95" | "p99" | "min" | "max", number | null>;
  ttft_ms: Record<"avg" | "median" | "p95", number | null>;
  tokens_per_second: number | null;
  output_tokens_per_second: number | null;
  error_rate: number;
  errors_by_class: Record<string, number>;
  throughput_per_min: number;
  goodput: number | null;
  sla_met: boolean | null;
}

export interface LoadTest {
  id: string;
  status: string;
  error: string | null;
  sla_met: boolean | null;
  max_users_within_sla: number | null;
  served_by: { backend: string | null; model: string; requests: number; kind: string; simulator: boolean }[];
  levels: { users: number; status: string; result: LevelResult | null }[];
}

/** POST /admin/loadtests; a 409 (another spec's run) is retried until that run has ended. */
export async function startLoadTest(
  api: APIRequestContext,
  scenario: Record<string, unknown>,
): Promise<LoadTest> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const response = await api.post("/admin/loadtests", { data: scenario });
    if (response.status() !== 409 || Date.now() > deadline) {
      expect(response.status(), await response.text()).toBe(201);
      return (await response.json()) as LoadTest;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function waitForRun(api: APIRequestContext, id: string, timeoutMs = 60_000): Promise<LoadTest> {
  let run: LoadTest | undefined;
  await expect
    .poll(
      async () => {
        run = (await (await api.get(`/admin/loadtests/${id}`)).json()) as LoadTest;
        return run.status;
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .not.toMatch(/^(queued|running)$/);
  return run!;
}
