// Configuration of the vLLM simulator. Every knob of the latency model lives here with a default
// close to one GPT-OSS-20B replica under a small batch limit, so that a load test against the
// simulator shows the same shape (queueing past the batch limit, slower decoding as the batch
// fills) that it shows against a GPU. The CLI flags and the programmatic API both end up here.
import { z } from "zod";
import { faultsSchema } from "./faults";
import { simulatorProfileNames, simulatorProfiles, type SimulatorProfileName } from "./profiles";

const effortTokensSchema = z.object({
  low: z.number().int().min(0).default(16),
  medium: z.number().int().min(0).default(48),
  high: z.number().int().min(0).default(128),
});

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, "i");
    return true;
  } catch {
    return false;
  }
}

const optionsObjectSchema = z.object({
  profile: z
    .enum(simulatorProfileNames)
    .optional()
    .describe("A calibrated GPU profile (profiles.ts) under these options"),
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(0).describe("0 picks a free port"),
  models: z
    .array(z.string().min(1))
    .min(1)
    .default(["gpt-oss-20b"])
    .describe("Served chat model names; like vLLM's --served-model-name, they share one engine"),
  embeddingModels: z.array(z.string().min(1)).default(["hearth-sim-embedding"]),
  embeddingDimensions: z.number().int().min(1).max(16384).default(384),
  reasoningModels: z
    .string()
    .default("gpt-oss")
    .refine(isRegExp, "must be a valid regular expression")
    .describe("Case-insensitive regular expression: matching models return reasoning apart"),
  maxModelLen: z.number().int().min(16).default(131072),
  ttftMs: z.number().min(0).default(300).describe("Base time to first token"),
  prefillMsPerToken: z.number().min(0).default(0.05).describe("Added to TTFT per prompt token"),
  tokensPerSecond: z.number().positive().default(40).describe("Decode speed of a request running alone"),
  maxBatch: z.number().int().min(1).default(8).describe("Requests decoded at once; the rest wait in FIFO"),
  batchSlowdown: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("k in tps * (1 - k * (running - 1) / maxBatch), the linear curve"),
  batchCurve: z
    .enum(["linear", "saturating"])
    .default("linear")
    .describe(
      "How decoding slows as the batch fills: linear (batchSlowdown) or saturating (batchSaturation)",
    ),
  batchSaturation: z
    .number()
    .min(0)
    .default(3)
    .describe("K in tps * (1 + K) / (running + K), the saturating curve"),
  kvCacheTokens: z.number().int().min(1).default(65536).describe("KV-cache capacity in tokens"),
  answerTokens: z.number().int().min(1).default(48).describe("Natural answer length before EOS"),
  reasoningTokens: effortTokensSchema.prefault({}).describe("Reasoning length per reasoning_effort"),
  embeddingMs: z.number().min(0).default(5).describe("Base latency of an embeddings request"),
  speed: z.number().positive().default(1).describe("Time scale of the latency model: 10 runs 10x faster"),
  faults: faultsSchema.default({}),
});

/** A profile's settings first, then the options given (explicit options win). */
export const simulatorOptionsSchema = z.preprocess((input) => {
  if (typeof input !== "object" || input === null) return input;
  const profile = (input as { profile?: unknown }).profile;
  if (typeof profile !== "string" || !(profile in simulatorProfiles)) return input;
  const { models, ...settings } = simulatorProfiles[profile as SimulatorProfileName].options;
  return { ...settings, models: [...models], ...input };
}, optionsObjectSchema);

export type SimulatorOptions = z.input<typeof optionsObjectSchema>;
export type SimulatorConfig = z.output<typeof optionsObjectSchema>;
export type ReasoningEffort = keyof SimulatorConfig["reasoningTokens"];

export function resolveOptions(options: SimulatorOptions = {}): SimulatorConfig {
  return simulatorOptionsSchema.parse(options);
}
