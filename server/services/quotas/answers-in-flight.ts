// Answers in progress per quota subject, counted by each replica for the answers it runs (the
// issue's allowance: in one process, in-process state). A slot is held from a question's admission
// to the end of its recording, with what the answer is expected to use: its subject's average
// answer so far this period. The concurrent-streams quota counts the slots; the token and cost
// quotas count what is expected beside what is recorded, so that questions arriving together at
// the edge of a quota cannot all pass the same check (recorded usage lags until their answers
// end). A slot whose release never comes (an answer whose stream was never read) lapses after
// SLOT_LAPSE_MS, so a lost release cannot lock a subject out for good.
import type { QuotaSubject } from "./quota-subject";
import { subjectKey } from "./quota-subject";

const SLOT_LAPSE_MS = 30 * 60_000;

/** What one answer in progress is expected to add to its subject's usage. */
export interface Expected {
  tokens: number;
  cost: number;
}

interface Slot extends Expected {
  lapsesAt: number;
}

export interface InFlight extends Expected {
  streams: number;
}

const state = globalThis as unknown as { hearthAnswersInFlight?: Map<string, Map<symbol, Slot>> };
const slots: Map<string, Map<symbol, Slot>> = (state.hearthAnswersInFlight ??= new Map<
  string,
  Map<symbol, Slot>
>());

function held(key: string, now: number): Map<symbol, Slot> {
  const mine = slots.get(key) ?? new Map<symbol, Slot>();
  for (const [slot, { lapsesAt }] of mine) if (lapsesAt <= now) mine.delete(slot);
  return mine;
}

/** The subject's answers in progress on this replica, and what they are expected to use. */
export function inFlight(subject: QuotaSubject, now = Date.now()): InFlight {
  const total: InFlight = { streams: 0, tokens: 0, cost: 0 };
  for (const slot of held(subjectKey(subject), now).values()) {
    total.streams += 1;
    total.tokens += slot.tokens;
    total.cost += slot.cost;
  }
  return total;
}

/**
 * Holds a slot for each subject with what its answer is expected to use; returns what gives them
 * back (idempotent). Synchronous, so that a check of `inFlight` and the slot it admits are one step.
 */
export function holdSlots(held: Array<{ subject: QuotaSubject; expected: Expected }>, now = Date.now()) {
  const taken = held.map(({ subject, expected }) => {
    const key = subjectKey(subject);
    const mine = slots.get(key) ?? new Map<symbol, Slot>();
    const slot = Symbol(key);
    mine.set(slot, { ...expected, lapsesAt: now + SLOT_LAPSE_MS });
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
