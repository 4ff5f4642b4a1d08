// A vLLM simulator of the test worker's own, registered on the server as a backend serving a model
// of its own. Faults injected into it strike only the assistants on that model, so the specs that
// break the model server (errors, 429, stalls, cuts, disconnects) cannot disturb any other spec:
// the shared simulator behind `env-llm` never gets a fault.
import type { APIRequestContext } from "@playwright/test";
import type { SimulatorOptions } from "../../server/simulator/options";
import { startSimulator, type SimulatorHandle } from "../../server/simulator/start-simulator";

export interface SimulatedBackend {
  sim: SimulatorHandle;
  /** The model it serves. The name contains "gpt-oss", so the simulator reasons like GPT-OSS. */
  model: string;
  backend: { id: string; name: string };
  /** Unregisters the backend and stops the simulator. */
  stop(): Promise<void>;
}

/** The settings of the shared simulator (playwright.config.ts): fast, but slow enough to watch. */
export const FAST_SIMULATOR: SimulatorOptions = { ttftMs: 50, tokensPerSecond: 300, answerTokens: 30 };

export async function startSimulatedBackend(
  api: APIRequestContext,
  name: string,
  options: SimulatorOptions = {},
): Promise<SimulatedBackend> {
  const model = `gpt-oss-${name}`;
  const sim = await startSimulator({ ...FAST_SIMULATOR, ...options, models: [model] });
  const response = await api.post("/admin/backends", {
    data: { name, kind: "openai_compatible", base_url: sim.baseUrl, models: [model] },
  });
  if (response.status() !== 201) {
    await sim.stop();
    throw new Error(
      `could not register the simulator as a backend: ${response.status()} ${await response.text()}`,
    );
  }
  const backend = (await response.json()) as { id: string; name: string };
  return {
    sim,
    model,
    backend: { id: backend.id, name: backend.name },
    stop: async () => {
      await api.delete(`/admin/backends/${backend.id}`);
      await sim.stop();
    },
  };
}
