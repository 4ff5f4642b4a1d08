import { randomBytes } from "node:crypto";
import { AppError } from "../../errors";
import type { AssistantDto, CreateAssistantAutoInput } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { createAssistant } from "./create-assistant";

/** A URL-safe id from the name (if any) and a random suffix, e.g. `support-bot-7k2m9q`. */
export function generateAssistantId(name: string | undefined): string {
  const base = (name ?? "")
    .normalize("NFKD")
    // NFKD splits "é" into "e" and a combining accent; dropping the marks keeps "e".
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  const suffix = randomBytes(6)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .padEnd(6, "0")
    .slice(0, 6);
  return base ? `${base}-${suffix}` : `asst-${suffix}`;
}

export async function createAssistantAuto(
  actor: Actor,
  input: CreateAssistantAutoInput,
): Promise<AssistantDto> {
  authorize(actor, "assistants:write");
  // A generated id can collide only by chance; try a few fresh ones before giving up.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await createAssistant(actor, {
        ...input,
        id: generateAssistantId(input.name),
        name: input.name ?? "Untitled assistant",
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    }
  }
  throw new AppError("CONFLICT", "Could not generate a free assistant id; try again");
}
