import { getDb } from "../../db/client";
import type { ModelList } from "../../schemas/openai";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/policy";

/** The enabled assistants this caller may use, as OpenAI models. */
export async function listModels(actor: Actor): Promise<ModelList> {
  authorize(actor, "runtime:use", actor.kind === "api_key" ? actor.assistantIds[0] : undefined);
  const rows = await getDb().assistant.findMany({
    where: { enabled: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true },
  });
  return {
    object: "list",
    data: rows
      .filter((row) => can(actor, "runtime:use", row.id))
      .map((row) => ({
        id: row.id,
        object: "model",
        created: Math.floor(row.createdAt.getTime() / 1000),
        owned_by: "hearth",
      })),
  };
}
