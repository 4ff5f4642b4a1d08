// Concurrent streams per subject, counted by each replica for the answers it runs (the issue's
// allowance: in one process, in-process state). A slot is held from a question's admission to its
// answer's end; one whose release never comes (an answer whose stream was never read) lapses after
// SLOT_LAPSE_MS, so a lost release cannot lock a key out for good.
import type { QuotaSubject } from "./quota-subject";
import { subjectKey } from "./quota-subject";
import { quotaRefusal } from "./quota-refusal";

const SLOT_LAPSE_MS = 30 * 60_000;

const state = globalThis as unknown as { hearthStreamSlots?: Map<string, Map<symbol, number>> };
const slots: Map<string, Map<symbol, number>> = (state.hearthStreamSlots ??= new Map<
  string,
  Map<symbol, number>
>());

function held(key: string, now: number): Map<symbol, number> {
  const mine = slots.get(key) ?? new Map<symbol, number>();
  for (const [slot, lapsesAt] of mine) if (lapsesAt <= now) mine.delete(slot);
  return mine;
}

/** Streams in progress for the subject on this replica. */
export function streamsInProgress(subject: QuotaSubject, now = Date.now()): number {
  return held(subjectKey(subject), now).size;
}

/**
 * Takes a slot for each subject with a concurrent-streams quota, or throws RATE_LIMITED (taking
 * none) when one is full; returns what gives them back (idempotent).
 */
export function takeStreamSlots(subjects: QuotaSubject[], now = Date.now()): () => void {
  const limited = subjects.filter((subject) => subject.quotas.concurrent_streams !== null);
  for (const subject of limited) {
    const limit = subject.quotas.concurrent_streams!;
    const inProgress = held(subjectKey(subject), now).size;
    if (inProgress >= limit) throw quotaRefusal(subject, "concurrent_streams", limit, inProgress, 1, null);
  }
  const taken = limited.map((subject) => {
    const key = subjectKey(subject);
    const mine = held(key, now);
    const slot = Symbol(key);
    mine.set(slot, now + SLOT_LAPSE_MS);
    slots.set(key, mine);
    return { key, slot };
  });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const { key, slot } of taken) {
      const mine = slots.get(key);
      mine?.delete(slot);
      if (mine?.size === 0) slots.delete(key);
    }
  };
}
