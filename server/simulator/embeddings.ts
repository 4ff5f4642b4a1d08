// POST /v1/embeddings: deterministic hash-based unit vectors (see embedding-vector.ts) for one
// text, several, or token ids, as floats or base64 (the official SDKs ask for base64 by default).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestScope, SimulatorContext } from "./context";
import { embed, toBase64 } from "./embedding-vector";
import { parseBody, readJson, sendJson, SimulatorHttpError } from "./http-util";
import { rejectByFault, trackRequest } from "./inference";
import { sleep } from "./latency";
import { resolveModel } from "./models";
import { approxTokens } from "./text";

const tokenIdsSchema = z.array(z.number().int().min(0)).min(1);

const embeddingRequestSchema = z.looseObject({
  model: z.string().nullish(),
  input: z.union([z.string(), z.array(z.string()).min(1), tokenIdsSchema, z.array(tokenIdsSchema).min(1)]),
  encoding_format: z.enum(["float", "base64"]).nullish(),
  dimensions: z.number().int().min(1).nullish(),
});

function inputs(input: z.output<typeof embeddingRequestSchema>["input"]): Array<string | number[]> {
  if (typeof input === "string") return [input];
  if (input.every((item) => typeof item === "number")) return [input];
  return input;
}

async function run(ctx: SimulatorContext, scope: RequestScope): Promise<void> {
  const request = parseBody(embeddingRequestSchema, await readJson(scope.req));
  const model = resolveModel(ctx.config, request.model, "embedding");
  const dimensions = request.dimensions ?? ctx.config.embeddingDimensions;
  if (dimensions > ctx.config.embeddingDimensions) {
    throw new SimulatorHttpError(400, `dimensions must be at most ${ctx.config.embeddingDimensions}`);
  }
  rejectByFault(ctx);
  const texts = inputs(request.input);
  const promptTokens = texts.reduce(
    (sum, text) => sum + (typeof text === "string" ? approxTokens(text) : text.length),
    0,
  );
  const latency = (ctx.config.embeddingMs + promptTokens * ctx.config.prefillMsPerToken) / ctx.config.speed;
  await sleep(latency, scope.signal);
  ctx.metrics.promptTokens += promptTokens;
  const data = texts.map((text, index) => {
    const vector = embed(text, dimensions);
    const embedding = request.encoding_format === "base64" ? toBase64(vector) : vector;
    return { index, object: "embedding", embedding };
  });
  sendJson(scope.res, 200, {
    id: `embd-${randomUUID().replaceAll("-", "")}`,
    object: "list",
    created: Math.floor(Date.now() / 1000),
    model,
    data,
    usage: {
      prompt_tokens: promptTokens,
      total_tokens: promptTokens,
      completion_tokens: 0,
      prompt_tokens_details: null,
    },
  });
}

export function handleEmbeddings(ctx: SimulatorContext, scope: RequestScope): Promise<void> {
  return trackRequest(ctx, scope, () => run(ctx, scope));
}
