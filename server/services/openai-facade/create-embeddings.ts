import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import type { EmbeddingList, EmbeddingsRequest } from "../../schemas/openai";
import { hasQuotas } from "../../schemas/quotas";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { resolveEmbedder } from "../knowledge/knowledge-adapters";
import { admitToQuotas } from "../quotas/admit-to-quotas";
import { recordModelUsage } from "../usage/record-model-usage";

/** A vector as OpenAI's `base64` encoding carries it: little-endian float32 values. */
function toBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString("base64");
}

/**
 * Embeddings through the embedder Hearth's knowledge uses, so that one base URL and one key serve
 * a whole RAG client. Any key that may use an assistant may embed. A call counts as the key's
 * usage (its input tokens, on the `openai` channel, under no assistant) and against its quotas,
 * checked first as for a question.
 */
export async function createEmbeddings(
  actor: Actor,
  request: EmbeddingsRequest,
  signal: AbortSignal,
): Promise<EmbeddingList> {
  authorize(actor, "runtime:use", actor.kind === "api_key" ? actor.assistantIds[0] : undefined);
  const { embedder, dimension } = await resolveEmbedder();
  if (request.model !== embedder.model) {
    throw new AppError(
      "NOT_FOUND",
      `The embedding model is '${embedder.model}'; there is no embedding model '${request.model}'`,
    );
  }
  if (request.dimensions !== undefined && request.dimensions !== dimension) {
    throw new AppError(
      "INVALID_INPUT",
      `dimensions: '${embedder.model}' embeds in ${dimension} dimensions and does not shorten its vectors`,
    );
  }
  const releaseQuotaSlots =
    actor.kind === "api_key" && actor.quotas && hasQuotas(actor.quotas)
      ? await admitToQuotas([{ kind: "api_key", keyId: actor.keyId, quotas: actor.quotas }])
      : () => undefined;
  const texts = typeof request.input === "string" ? [request.input] : request.input;
  const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0);
  const startedAt = performance.now();
  const record = (outcome: "completed" | "failed" | "cancelled") =>
    recordModelUsage({
      apiKeyId: actor.kind === "api_key" ? actor.keyId : null,
      channel: "openai",
      model: embedder.model,
      backendId: null,
      outcome,
      promptTokens: outcome === "completed" ? tokens : 0,
      completionTokens: 0,
      reasoningTokens: 0,
      gpuMs: performance.now() - startedAt,
    }).catch((error: unknown) => logger.error({ err: error }, "could not record an embedding call's usage"));
  // (Recording never throws: its failure is logged.) The slots go once the usage is recorded.
  let vectors: Float32Array[];
  try {
    vectors = await embedder.embed(texts, request.input_type ?? "document", signal);
  } catch (error) {
    await record(signal.aborted ? "cancelled" : "failed");
    releaseQuotaSlots();
    throw error;
  }
  await record("completed");
  releaseQuotaSlots();
  return {
    object: "list",
    data: vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: request.encoding_format === "base64" ? toBase64(vector) : Array.from(vector),
    })),
    model: embedder.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
