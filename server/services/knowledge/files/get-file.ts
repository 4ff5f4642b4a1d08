import { getDb } from "../../../db/client";
import { notFound } from "../../../errors";
import type { FileDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { fileWithJobs, toFileDto } from "../knowledge-dto";
import { requireKnowledgeAccess } from "../require-knowledge-access";

export async function getFile(actor: Actor, assistantId: string, fileId: string): Promise<FileDto> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const row = await getDb().knowledgeFile.findFirst({
    where: { id: fileId, assistantId },
    include: fileWithJobs,
  });
  if (!row) throw notFound("File", fileId);
  return toFileDto(row);
}
