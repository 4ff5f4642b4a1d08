// Writes one audit event: who (the actor, with an e-mail or key name as it was then), from where
// (client address and request id, carried on the actor by the adapters), what (an action on a
// target), and a before/after summary with secrets redacted. Given the transaction of the change,
// the event commits or rolls back with it; otherwise a failure to record is logged, not thrown,
// so the change a caller made is never reported as failed after it happened.
import { randomBytes } from "node:crypto";
import { getDb, type Tx } from "../../db/client";
import { logger } from "../../logger";
import { describeActor, type Actor } from "../access/actor";
import { redactSecrets } from "./redact";

export interface AuditEntry {
  actor: Actor;
  /** Overrides the label derived from the actor (a failed sign-in's e-mail). */
  actorLabel?: string;
  /** `<target type>.<verb>`: assistant.update, backend.delete, auth.sign_in_failed... */
  action: string;
  target: { type: string; id: string | null };
  outcome?: "success" | "failure";
  /** A summary of the change: `{ before, after }`, or what describes it best. */
  changes?: Record<string, unknown>;
}

function labelOf(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.email;
    case "api_key":
      return `${actor.scope} key ${actor.keyId}`;
    case "master":
      return "master key";
    case "widget":
      return `widget on ${actor.origin}`;
    case "anonymous":
      return "";
  }
}

let sequence = 0;

/** Ids that sort as the events happened (time, then a per-process counter), unique across replicas. */
function newAuditId(now: number): string {
  sequence = (sequence + 1) % 0x10000;
  const time = now.toString(16).padStart(12, "0");
  return `aud_${time}${sequence.toString(16).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

export async function recordAudit(entry: AuditEntry, tx?: Tx): Promise<void> {
  const now = Date.now();
  const data = {
    id: newAuditId(now),
    createdAt: new Date(now),
    actor: describeActor(entry.actor),
    actorLabel: entry.actorLabel ?? labelOf(entry.actor),
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    outcome: entry.outcome ?? "success",
    clientAddress: entry.actor.via?.clientAddress ?? null,
    requestId: entry.actor.via?.requestId ?? null,
    changes: redactSecrets(entry.changes ?? {}) as object,
  };
  if (tx) {
    await tx.auditEvent.create({ data });
    return;
  }
  try {
    await getDb().auditEvent.create({ data });
  } catch (error) {
    logger.error(
      { err: error, action: data.action, requestId: data.requestId },
      "could not record an audit event",
    );
  }
}
