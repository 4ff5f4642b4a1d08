import { getDb, type Prisma } from "../../../db/client";
import type { FileDto, ListFilesQuery } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { cursorPage, type Page } from "../../pagination/cursor-page";
import { fileWithJobs, toFileDto } from "../knowledge-dto";
import { requireKnowledgeAccess } from "../require-knowledge-access";

export async function listFiles(
  actor: Actor,
  assistantId: string,
  query: ListFilesQuery,
): Promise<Page<FileDto>> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const db = getDb();
  const jobFilter: Prisma.VectorStoreFileWhereInput = {
    ...(query.vector_store_id ? { vectorStoreId: query.vector_store_id } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const where: Prisma.KnowledgeFileWhereInput = {
    assistantId,
    ...(query.vector_store_id || query.status ? { stores: { some: jobFilter } } : {}),
  };
  return cursorPage({
    query,
    noun: "file",
    cursorExists: async (id) =>
      Boolean(await db.knowledgeFile.findFirst({ where: { id, assistantId }, select: { id: true } })),
    findMany: (window) =>
      db.knowledgeFile.findMany({
        where,
        include: fileWithJobs,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
    count: () => db.knowledgeFile.count({ where }),
    toDto: toFileDto,
  });
}
