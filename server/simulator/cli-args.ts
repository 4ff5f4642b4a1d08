// Command-line flags of `npm run simulator`, mapped onto SimulatorOptions (validated there, so a
// bad value is reported the same way as a bad programmatic option). No environment variables.
import { parseArgs } from "node:util";
import { z } from "zod";
import { faultsSchema } from "./faults";
import { simulatorOptionsSchema, type SimulatorConfig, type SimulatorOptions } from "./options";

const numberFlags = {
  port: "port",
  "ttft-ms": "ttftMs",
  "prefill-ms-per-token": "prefillMsPerToken",
  "tokens-per-second": "tokensPerSecond",
  "max-batch": "maxBatch",
  "batch-slowdown": "batchSlowdown",
  "batch-saturation": "batchSaturation",
  "kv-cache-tokens": "kvCacheTokens",
  "max-model-len": "maxModelLen",
  "answer-tokens": "answerTokens",
  "embedding-dim": "embeddingDimensions",
  "embedding-ms": "embeddingMs",
  speed: "speed",
} as const satisfies Record<string, keyof SimulatorOptions>;

const optionFlags: Record<string, string> = {
  ...Object.fromEntries(Object.entries(numberFlags).map(([flag, key]) => [key, flag])),
  host: "host",
  models: "model",
  embeddingModels: "embedding-model",
  reasoningModels: "reasoning-models",
  reasoningTokens: "reasoning-tokens",
  faults: "faults",
  profile: "profile",
  batchCurve: "batch-curve",
};

export const simulatorUsage = `Usage: npm run simulator -- [flags]

A vLLM-compatible test double (GPT-OSS style reasoning, latency and batching model, fault
injection). It is not a model: every answer is "Simulated answer to: ..." plus filler.

  --host <addr>                 listen address (default 127.0.0.1)
  --port <n>                    listen port (default 8000, vLLM's)
  --model <name>                served chat model, repeatable (default gpt-oss-20b)
  --embedding-model <name>      served embedding model, repeatable (default hearth-sim-embedding)
  --embedding-dim <n>           embedding dimensions (default 384)
  --reasoning-models <regex>    models that reason apart from the answer (default gpt-oss)
  --ttft-ms <ms>                base time to first token (default 300)
  --prefill-ms-per-token <ms>   added to TTFT per prompt token (default 0.05)
  --tokens-per-second <n>       decode speed of one request alone (default 40)
  --max-batch <n>               requests decoded at once; more wait in FIFO (default 8)
  --profile <name>              a calibrated GPU profile, under the other flags: a6000x2-gpt-oss-20b,
                                a6000x2-gpt-oss-120b (see the README)
  --batch-curve <curve>         linear (default) or saturating
  --batch-slowdown <k>          linear: per-request speed = tps * (1 - k * (running - 1) / maxBatch) (default 0.5)
  --batch-saturation <K>        saturating: per-request speed = tps * (1 + K) / (running + K) (default 3)
  --kv-cache-tokens <n>         KV-cache capacity in tokens (default 65536)
  --max-model-len <n>           context length (default 131072)
  --answer-tokens <n>           natural answer length (default 48)
  --reasoning-tokens <l,m,h>    reasoning tokens for low,medium,high effort (default 16,48,128)
  --embedding-ms <ms>           base latency of an embeddings request (default 5)
  --speed <x>                   time scale of the latency model (default 1)
  --faults <json>               initial faults, e.g. '{"rateLimit":{"probability":0.1,"retryAfterSeconds":2}}'
  -h, --help                    this text

At runtime: GET /sim/stats, GET|POST|DELETE /sim/faults.`;

function toNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === "" || Number.isNaN(number))
    throw new Error(`--${flag} expects a number, got "${value}"`);
  return number;
}

function reasoningTokens(value: string): SimulatorOptions["reasoningTokens"] {
  const [low, medium, high] = value.split(",").map((part) => toNumber("reasoning-tokens", part));
  if (high === undefined) throw new Error(`--reasoning-tokens expects low,medium,high, got "${value}"`);
  return { low, medium, high };
}

function faults(value: string): SimulatorOptions["faults"] {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error(`--faults expects JSON, got "${value}"`);
  }
  const result = faultsSchema.safeParse(json);
  if (!result.success) throw new Error(`--faults is not a valid fault set: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Parses argv; returns null when help was asked for. Throws with a message naming the flag. */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorConfig | null {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...Object.fromEntries(Object.keys(numberFlags).map((flag) => [flag, { type: "string" as const }])),
      host: { type: "string" },
      model: { type: "string", multiple: true },
      "embedding-model": { type: "string", multiple: true },
      "reasoning-models": { type: "string" },
      "reasoning-tokens": { type: "string" },
      faults: { type: "string" },
      profile: { type: "string" },
      "batch-curve": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return null;
  const options: Record<string, unknown> = { port: 8000 };
  const strings = values as Record<string, unknown>;
  for (const [flag, key] of Object.entries(numberFlags)) {
    const value = strings[flag];
    if (typeof value === "string") options[key] = toNumber(flag, value);
  }
  if (typeof values.host === "string") options.host = values.host;
  if (Array.isArray(values.model)) options.models = values.model;
  if (Array.isArray(values["embedding-model"])) options.embeddingModels = values["embedding-model"];
  if (typeof values["reasoning-models"] === "string") options.reasoningModels = values["reasoning-models"];
  if (typeof values["reasoning-tokens"] === "string")
    options.reasoningTokens = reasoningTokens(values["reasoning-tokens"]);
  if (typeof values.faults === "string") options.faults = faults(values.faults);
  if (typeof values.profile === "string") options.profile = values.profile;
  if (typeof values["batch-curve"] === "string") options.batchCurve = values["batch-curve"];
  const result = simulatorOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = String(issue?.path[0] ?? "");
  const flag = optionFlags[key] ?? key;
  throw new Error(`Invalid --${flag}: ${issue?.message}`);
}
