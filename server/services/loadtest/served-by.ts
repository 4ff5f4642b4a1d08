// Which backends and models answered a run, and whether a backend is Hearth's vLLM simulator
// (a test double: its /v1/models lists models owned by `hearth-vllm-simulator`), so that a report
// never passes simulated numbers off as a GPU's.
import { request } from "undici";
import { getDb } from "../../db/client";
import { probeAgent } from "../gateway/backend-connector";
import type { ServedBy } from "../../schemas/loadtest";
import type { ServedCount } from "./level-recorder";

export const SIMULATOR_OWNER = "hearth-vllm-simulator";
const PROBE_TIMEOUT_MS = 3_000;

/** True when the OpenAI-compatible server at `baseUrl` (ending in /v1) says it is the simulator. */
export async function isSimulator(baseUrl: string): Promise<boolean> {
  try {
    const response = await request(`${baseUrl.replace(/\/+$/, "")}/models`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      // Under the backends' host allowlist, like the health probes.
      dispatcher: probeAgent(),
    });
    const text = await response.body.text();
    if (response.headers["x-simulator"] === SIMULATOR_OWNER) return true;
    const body = JSON.parse(text) as { data?: { owned_by?: string }[] };
    return (body.data ?? []).some((model) => model.owned_by === SIMULATOR_OWNER);
  } catch {
    return false;
  }
}

/** Adds one level's counts into the run's. */
export function mergeServed(total: Map<string, ServedCount>, level: Map<string, ServedCount>): void {
  for (const [key, count] of level) {
    const entry = total.get(key) ?? { ...count, requests: 0 };
    entry.requests += count.requests;
    total.set(key, entry);
  }
}

export async function describeServedBy(counts: Iterable<ServedCount>): Promise<ServedBy[]> {
  const list = [...counts];
  const names = [...new Set(list.map((count) => count.backend).filter((name): name is string => !!name))];
  const rows = await getDb().backend.findMany({
    where: { name: { in: names } },
    select: { name: true, kind: true, baseUrl: true },
  });
  const kinds = new Map<string, ServedBy["kind"]>();
  await Promise.all(
    rows.map(async (row) => {
      const simulated =
        row.kind === "openai_compatible" && row.baseUrl ? await isSimulator(row.baseUrl) : false;
      const kind = row.kind === "llama_cpp" || row.kind === "openai_compatible" ? row.kind : "unknown";
      kinds.set(row.name, simulated ? "simulator" : kind);
    }),
  );
  return list
    .map((count): ServedBy => {
      const kind = count.backend === null ? "retrieval_only" : (kinds.get(count.backend) ?? "unknown");
      return {
        backend: count.backend,
        model: count.model,
        requests: count.requests,
        kind,
        simulator: kind === "simulator",
      };
    })
    .sort((a, b) => b.requests - a.requests);
}
