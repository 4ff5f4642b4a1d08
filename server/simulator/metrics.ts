// Prometheus metrics under vLLM's own names (the v1 engine's), so Hearth's backend probes and
// dashboards read the simulator exactly as they read vLLM. Rendered by hand in the text
// exposition format: a handful of series does not justify a metrics library.

const TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640,
  2560,
];
const E2E_BUCKETS = [
  0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680,
];

export interface EngineGauges {
  running: number;
  waiting: number;
  kvCacheUsage: number;
}

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(private readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((bound, i) => {
      if (value <= bound) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }

  lines(name: string, labels: string): string[] {
    const buckets = this.buckets.map(
      (bound, i) => `${name}_bucket{${labels},le="${bound}"} ${this.counts[i]}`,
    );
    return [
      ...buckets,
      `${name}_bucket{${labels},le="+Inf"} ${this.count}`,
      `${name}_count{${labels}} ${this.count}`,
      `${name}_sum{${labels}} ${this.sum}`,
    ];
  }
}

function family(name: string, type: string, help: string, samples: string[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export class SimulatorMetrics {
  readonly timeToFirstToken = new Histogram(TTFT_BUCKETS);
  readonly e2eLatency = new Histogram(E2E_BUCKETS);
  promptTokens = 0;
  generationTokens = 0;
  private readonly successes = new Map<string, number>();

  constructor(private readonly modelName: string) {}

  recordSuccess(finishReason: string): void {
    this.successes.set(finishReason, (this.successes.get(finishReason) ?? 0) + 1);
  }

  render(gauges: EngineGauges): string {
    const labels = `model_name="${escapeLabel(this.modelName)}"`;
    const successes = [...this.successes].map(
      ([reason, n]) => `vllm:request_success_total{${labels},finished_reason="${escapeLabel(reason)}"} ${n}`,
    );
    const lines = [
      "# Served by hearth-vllm-simulator, a test double: these numbers come from a latency model.",
      ...family("vllm:num_requests_running", "gauge", "Number of requests in model execution batches.", [
        `vllm:num_requests_running{${labels}} ${gauges.running}`,
      ]),
      ...family("vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", [
        `vllm:num_requests_waiting{${labels}} ${gauges.waiting}`,
      ]),
      ...family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.", [
        `vllm:kv_cache_usage_perc{${labels}} ${gauges.kvCacheUsage}`,
      ]),
      ...family("vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.", [
        `vllm:prompt_tokens_total{${labels}} ${this.promptTokens}`,
      ]),
      ...family("vllm:generation_tokens_total", "counter", "Number of generation tokens processed.", [
        `vllm:generation_tokens_total{${labels}} ${this.generationTokens}`,
      ]),
      ...family(
        "vllm:request_success_total",
        "counter",
        "Count of successfully processed requests.",
        successes,
      ),
      ...family(
        "vllm:time_to_first_token_seconds",
        "histogram",
        "Histogram of time to first token in seconds.",
        this.timeToFirstToken.lines("vllm:time_to_first_token_seconds", labels),
      ),
      ...family(
        "vllm:e2e_request_latency_seconds",
        "histogram",
        "Histogram of e2e request latency in seconds.",
        this.e2eLatency.lines("vllm:e2e_request_latency_seconds", labels),
      ),
    ];
    return `${lines.join("\n")}\n`;
  }
}
