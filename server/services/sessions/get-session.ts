import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { SessionDetailDto } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { requireReadableAssistant } from "./require-readable-assistant";
import { seesErrorDetail, toMessageDto, toSessionDto } from "./session-dto";
import { summaryOf } from "./session-summaries";

export async function getSession(
  actor: Actor,
  assistantId: string,
  sessionId: string,
): Promise<SessionDetailDto> {
  await requireReadableAssistant(actor, assistantId);
  const row = await getDb().chatSession.findFirst({
    where: { id: sessionId, assistantId },
    include: {
      endUser: true,
      messages: { orderBy: [{ createdAt: "asc" }, { role: "desc" }], include: { feedback: true } },
    },
  });
  if (!row) throw notFound("Session", sessionId);
  const withErrorDetail = seesErrorDetail(actor);
  return {
    ...toSessionDto(row, summaryOf(row.messages)),
    messages: row.messages.map((message) => toMessageDto(message, { withErrorDetail })),
  };
}
