// Maps an assistant row to its public shape, and a validated input to the row's columns.
import type { Assistant, Prisma } from "../../db/client";
import { AppError } from "../../errors";
import type { AssistantDto, SlaStep, UpdateAssistantInput } from "../../schemas/assistant";
import { sealTools, storedToolsOf, toToolDto } from "./stored-tools";
import { quotasOf } from "../../schemas/quotas";

export function toAssistantDto(row: Assistant): AssistantDto {
  return {
    id: row.id,
    object: "assistant",
    name: row.name,
    description: row.description,
    instructions: row.instructions,
    model: row.model,
    fallback_models: row.fallbackModels,
    generation: {
      temperature: row.temperature,
      top_p: row.topP,
      max_output_tokens: row.maxOutputTokens,
      reasoning_effort: row.reasoningEffort,
    },
    rag: {
      top_k: row.ragTopK,
      score_threshold: row.ragScoreThreshold,
      mode: row.ragMode,
      refusal_message: row.ragRefusalMessage,
      chunking: {
        max_chunk_size_tokens: row.chunkMaxTokens,
        chunk_overlap_tokens: row.chunkOverlapTokens,
      },
    },
    sla: {
      avg_ms: row.slaAvgMs,
      p95_ms: row.slaP95Ms,
      ttft_ms: row.slaTtftMs,
      control: row.slaControl,
      degradation: row.slaDegradation as SlaStep[],
    },
    tools: storedToolsOf(row.tools).map(toToolDto),
    tool_limits: {
      max_steps: row.toolMaxSteps,
      max_ms: row.toolMaxMs,
      max_tokens: row.toolMaxTokens,
    },
    retention_days: row.retentionDays,
    end_user_quotas: quotasOf(row.endUserQuotas),
    suggested_questions: row.suggestedQuestions,
    metadata: row.metadata as Record<string, string>,
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * The columns an input sets; fields absent from the input are left out (partial update). `stored`
 * is the row's tools column before the update: tools given without secrets keep theirs.
 */
export function toAssistantColumns(
  input: UpdateAssistantInput,
  stored: unknown = [],
): Partial<Prisma.AssistantCreateInput> {
  const { generation, rag, sla, tool_limits: limits } = input;
  const columns: Partial<Prisma.AssistantCreateInput> = {
    name: input.name,
    description: input.description,
    instructions: input.instructions,
    model: input.model,
    fallbackModels: input.fallback_models,
    metadata: input.metadata,
    enabled: input.enabled,
    temperature: generation?.temperature,
    topP: generation?.top_p,
    maxOutputTokens: generation?.max_output_tokens,
    reasoningEffort: generation?.reasoning_effort,
    ragTopK: rag?.top_k,
    ragScoreThreshold: rag?.score_threshold,
    ragMode: rag?.mode,
    ragRefusalMessage: rag?.refusal_message,
    chunkMaxTokens: rag?.chunking?.max_chunk_size_tokens,
    chunkOverlapTokens: rag?.chunking?.chunk_overlap_tokens,
    slaAvgMs: sla?.avg_ms,
    slaP95Ms: sla?.p95_ms,
    slaTtftMs: sla?.ttft_ms,
    slaControl: sla?.control,
    slaDegradation: sla?.degradation,
    tools: input.tools && (sealTools(input.tools, storedToolsOf(stored)) as Prisma.InputJsonValue[]),
    toolMaxSteps: limits?.max_steps,
    toolMaxMs: limits?.max_ms,
    toolMaxTokens: limits?.max_tokens,
    retentionDays: input.retention_days,
    endUserQuotas: input.end_user_quotas,
    suggestedQuestions: input.suggested_questions,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

/** Chunk overlap may be at most half the chunk size (as in OpenAI's static chunking strategy). */
export function assertChunkingValid(maxTokens: number, overlapTokens: number): void {
  if (overlapTokens * 2 > maxTokens) {
    throw new AppError(
      "INVALID_INPUT",
      `rag.chunking.chunk_overlap_tokens (${overlapTokens}) must be at most half of max_chunk_size_tokens (${maxTokens})`,
      {
        details: [
          {
            path: "rag.chunking.chunk_overlap_tokens",
            message: "must be at most half of max_chunk_size_tokens",
          },
        ],
      },
    );
  }
}
