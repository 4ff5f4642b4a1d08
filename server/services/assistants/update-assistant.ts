import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AssistantDto, UpdateAssistantInput } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetAssistant } from "./assistant-cache";
import { assertChunkingValid, toAssistantColumns, toAssistantDto } from "./assistant-dto";
import { recordAudit } from "../audit/record-audit";
import { changedFields } from "../audit/redact";

export async function updateAssistant(
  actor: Actor,
  id: string,
  input: UpdateAssistantInput,
): Promise<AssistantDto> {
  authorize(actor, "assistants:write");
  const row = await getDb().$transaction(async (tx) => {
    const current = await tx.assistant.findUnique({ where: { id } });
    if (!current) throw notFound("Assistant", id);
    const chunking = input.rag?.chunking;
    assertChunkingValid(
      chunking?.max_chunk_size_tokens ?? current.chunkMaxTokens,
      chunking?.chunk_overlap_tokens ?? current.chunkOverlapTokens,
    );
    const updated = await tx.assistant.update({
      where: { id },
      data: toAssistantColumns(input, current.tools),
    });
    await recordAudit(
      {
        actor,
        action: "assistant.update",
        target: { type: "assistant", id },
        changes: changedFields(toAssistantDto(current), toAssistantDto(updated)),
      },
      tx,
    );
    return updated;
  });
  forgetAssistant(id);
  return toAssistantDto(row);
}
