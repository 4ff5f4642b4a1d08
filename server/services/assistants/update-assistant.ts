import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AssistantDto, UpdateAssistantInput } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetAssistant } from "./assistant-cache";
import { assertChunkingValid, toAssistantColumns, toAssistantDto } from "./assistant-dto";

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
    return tx.assistant.update({ where: { id }, data: toAssistantColumns(input) });
  });
  forgetAssistant(id);
  return toAssistantDto(row);
}
