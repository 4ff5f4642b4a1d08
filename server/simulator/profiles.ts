// Calibrated GPU profiles: simulator settings fitted so that Hearth's own load test over the
// simulator (closed loop, no think time, the builtin prompts) reproduces the reference report's
// averages (shared/reference: GPT-OSS on 2 x A6000, SLA load tests at 5, 10, 15 and 25 users).
//
// The model: with b requests in the batch, each decodes at tps1 * (1 + K) / (b + K) tokens per
// second ("saturating": the batch's total rises as b / (b + K), towards (1 + K) * tps1), so a
// closed loop of N users on one instance answers in about A * (N + K) seconds, A = L / (tps1 * (1
// + K)) for L generated tokens. A and K were fitted to the reference averages by minimising the
// largest relative error (README: "Calibrated profiles", with the arithmetic to fit your own).
// Profiles are defaults: explicit options win, so `speed` and token counts can still be changed.

/** The latency model's settings a profile fixes (names as in options.ts). */
interface ProfileSettings {
  models: readonly string[];
  ttftMs: number;
  prefillMsPerToken: number;
  tokensPerSecond: number;
  batchCurve: "linear" | "saturating";
  batchSaturation: number;
  maxBatch: number;
  kvCacheTokens: number;
  answerTokens: number;
  reasoningTokens: { low: number; medium: number; high: number };
}

export interface SimulatorProfile {
  description: string;
  /** How many instances of it stand for the reference deployment. */
  instances: number;
  options: ProfileSettings;
}

export const simulatorProfiles = {
  // One GPT-OSS-20B instance per A6000: two instances are the reference box. Fit: K = 2.5,
  // A = 7.16 s per request in the batch; largest error 5 % (README).
  "a6000x2-gpt-oss-20b": {
    description: "GPT-OSS-20B on one of two NVIDIA A6000 (run two instances for the reference box)",
    instances: 2,
    options: {
      models: ["gpt-oss-20b"],
      ttftMs: 450,
      prefillMsPerToken: 0.05,
      tokensPerSecond: 72.4,
      batchCurve: "saturating",
      batchSaturation: 2.5,
      maxBatch: 64,
      kvCacheTokens: 400_000,
      answerTokens: 1200,
      reasoningTokens: { low: 200, medium: 600, high: 1800 },
    },
  },
  // GPT-OSS-120B across both A6000 (tensor parallel): one instance is the reference box. Fit:
  // K = 5.2, A = 4.57 s; largest error 12 % (at 5 and 10 users: the reference's curve bends more).
  "a6000x2-gpt-oss-120b": {
    description: "GPT-OSS-120B across two NVIDIA A6000 (one instance is the reference box)",
    instances: 1,
    options: {
      models: ["gpt-oss-120b"],
      ttftMs: 700,
      prefillMsPerToken: 0.08,
      tokensPerSecond: 71.6,
      batchCurve: "saturating",
      batchSaturation: 5.2,
      maxBatch: 64,
      kvCacheTokens: 150_000,
      answerTokens: 1300,
      reasoningTokens: { low: 250, medium: 700, high: 2000 },
    },
  },
} as const satisfies Record<string, SimulatorProfile>;

export type SimulatorProfileName = keyof typeof simulatorProfiles;
export const simulatorProfileNames = Object.keys(simulatorProfiles) as [
  SimulatorProfileName,
  ...SimulatorProfileName[],
];
