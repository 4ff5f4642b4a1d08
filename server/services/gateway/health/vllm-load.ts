// Reads the load on a vLLM server from its Prometheus exposition: requests running and waiting,
// and KV-cache use (`vllm:kv_cache_usage_perc`, called `vllm:gpu_cache_usage_perc` before vLLM
// 0.10). Sums over the served models. Servers that are not vLLM expose none of these: null.
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type { BackendLoad } from "./backend-health";

function total(families: Map<string, number[]>, ...names: string[]): number | null {
  for (const name of names) {
    const values = families.get(name);
    if (values && values.length > 0) return values.reduce((sum, value) => sum + value, 0);
  }
  return null;
}

export function parseVllmLoad(text: string): BackendLoad | null {
  let parsed: ReturnType<typeof parsePrometheusTextFormat>;
  try {
    parsed = parsePrometheusTextFormat(text);
  } catch {
    return null;
  }
  const families = new Map<string, number[]>();
  for (const family of parsed) {
    const values = family.metrics.map((sample) => Number(sample.value)).filter(Number.isFinite);
    families.set(family.name, values);
  }
  const load: BackendLoad = {
    running: total(families, "vllm:num_requests_running"),
    waiting: total(families, "vllm:num_requests_waiting"),
    kvCacheUsage: total(families, "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"),
  };
  if (load.running === null && load.waiting === null && load.kvCacheUsage === null) return null;
  return load;
}
