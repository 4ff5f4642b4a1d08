import { admitRequest } from "../../gateway/admit-request";
import { withSpan } from "../../observability/tracing";
import { controlSla } from "./control-sla";
import { elapsedMs, type ExchangeState } from "./exchange-state";

/**
 * Admission, before any other work: a request refused here (429, 503, or SLA control's 429) is
 * refused in milliseconds, and its error is the exchange's first event, so a stream can still
 * answer with a JSON error. No backend at all leaves no ticket (the retrieval-only answer). Traced
 * as `chat.admission`.
 */
export async function admit(state: ExchangeState): Promise<void> {
  const { assistant, sessionId } = state.prepared;
  state.admittedAtMs = elapsedMs(state);
  state.ticket = await withSpan("chat.admission", { "gen_ai.request.model": assistant.model }, () =>
    admitRequest({ models: state.models, sessionKey: sessionId, signal: state.options.signal }, (gateway) => {
      controlSla(state, gateway);
      return { models: state.models, prefer: state.sla?.backendId ?? null };
    }),
  );
  state.model = state.ticket?.model ?? state.model;
}
