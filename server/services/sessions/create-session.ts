import { getDb } from "../../db/client";
import type { CreateSessionInput, SessionDto } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { requireEnabledAssistant } from "../assistants/require-enabled-assistant";
import { channelOf } from "./channel-of";
import { newId } from "./ids";
import { toSessionDto } from "./session-dto";
import { upsertEndUser } from "./upsert-end-user";

export async function createSession(
  actor: Actor,
  assistantId: string,
  input: CreateSessionInput,
): Promise<SessionDto> {
  await requireEnabledAssistant(actor, assistantId);
  const row = await getDb().$transaction(async (tx) => {
    const endUserId = input.user ? await upsertEndUser(tx, assistantId, input.user) : null;
    return tx.chatSession.create({
      data: {
        id: newId("sess"),
        assistantId,
        endUserId,
        metadata: input.metadata ?? {},
        channel: channelOf(actor, input),
      },
      include: { endUser: true },
    });
  });
  return toSessionDto(row);
}
