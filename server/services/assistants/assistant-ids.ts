// Ids for assistants made without one: the slug of the name, as a person would type it
// (`support-handbook`), with a suffix only when that id is taken (`support-handbook-2`, then a
// short random one when the first numbered ones are taken too).
import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";

const NUMBERED = 20;
const RESERVED = new Set(["auto"]);

/** "Support Handbook" → "support-handbook"; "" when the name has no letter or digit to keep. */
export function slugForId(name: string | undefined): string {
  return (
    (name ?? "")
      .normalize("NFKD")
      // NFKD splits "é" into "e" and a combining accent; dropping the marks keeps "e".
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      // Room for a suffix within the id's 64 characters.
      .slice(0, 48)
      .replace(/-+$/g, "")
  );
}

function randomSuffix(): string {
  return randomBytes(6)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .padEnd(6, "0")
    .slice(0, 6);
}

/**
 * The first free id among the name's slug, then `-2`, `-3`... and, when those are all taken, the
 * slug with a random suffix. Free when asked: a concurrent create may still take it (CONFLICT).
 */
export async function freeAssistantId(name: string | undefined): Promise<string> {
  const base = slugForId(name) || "assistant";
  const numbered = Array.from({ length: NUMBERED - 1 }, (_, n) => `${base}-${n + 2}`);
  // "auto" is a path (POST /admin/assistants/auto), not an id.
  const candidates = [base, ...numbered].filter((id) => !RESERVED.has(id));
  const taken = await getDb().assistant.findMany({
    where: { id: { in: candidates } },
    select: { id: true },
  });
  const takenIds = new Set(taken.map((row) => row.id));
  return candidates.find((id) => !takenIds.has(id)) ?? `${base}-${randomSuffix()}`;
}
