import { AppError, notFound } from "../../errors";
import type { AssistantDto } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { findAssistantCached } from "./assistant-cache";
import { toAssistantDto } from "./assistant-dto";

/**
 * The runtime's entry check: the caller may use this assistant, it exists, and it is enabled.
 * A disabled assistant answers 409 with the documented code ASSISTANT_DISABLED.
 */
export async function requireEnabledAssistant(actor: Actor, id: string): Promise<AssistantDto> {
  authorize(actor, "runtime:use", id);
  const row = await findAssistantCached(id);
  if (!row) throw notFound("Assistant", id);
  if (!row.enabled) {
    throw new AppError("ASSISTANT_DISABLED", `Assistant '${id}' is disabled and does not accept requests`);
  }
  return toAssistantDto(row);
}
