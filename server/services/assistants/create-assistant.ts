import { getDb } from "../../db/client";
import { AppError, isUniqueViolation } from "../../errors";
import type { AssistantDto, CreateAssistantInput } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { instanceValues } from "../settings/instance-settings";
import { forgetAssistant } from "./assistant-cache";
import { assertChunkingValid, toAssistantColumns, toAssistantDto } from "./assistant-dto";
import { recordAudit } from "../audit/record-audit";

export async function createAssistant(actor: Actor, input: CreateAssistantInput): Promise<AssistantDto> {
  authorize(actor, "assistants:write");
  const { id, ...settings } = input;
  // Defaults as OpenAI's `auto` strategy (800 tokens, 400 overlap); a smaller chunk size given
  // alone brings the default overlap down to half of it.
  const maxTokens = settings.rag?.chunking?.max_chunk_size_tokens ?? 800;
  const overlapTokens =
    settings.rag?.chunking?.chunk_overlap_tokens ?? Math.min(400, Math.floor(maxTokens / 2));
  assertChunkingValid(maxTokens, overlapTokens);
  // What the request leaves out comes from the instance settings (or the environment's defaults).
  const defaults = await instanceValues();
  try {
    const row = await getDb().assistant.create({
      data: {
        ...toAssistantColumns(settings),
        id,
        name: settings.name ?? id,
        model: settings.model ?? defaults.defaultModel,
        slaAvgMs: settings.sla?.avg_ms ?? defaults.defaultSlaAvgMs,
        chunkMaxTokens: maxTokens,
        chunkOverlapTokens: overlapTokens,
      },
    });
    forgetAssistant(id);
    const created = toAssistantDto(row);
    await recordAudit({
      actor,
      action: "assistant.create",
      target: { type: "assistant", id },
      changes: { after: created },
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("CONFLICT", `An assistant with id '${id}' already exists`);
    throw error;
  }
}
