// The embed endpoints' responses, in a visitor's terms (services/widget/visitor-view.ts): the
// stream's events without scores, reasoning, models or backends, and errors whose message is
// Hearth's own for the public, in the widget's language, with the request id as the reference an
// operator can look up.
import Negotiator from "negotiator";
import { WIDGET_LANGUAGES } from "../schemas/widget-messages";
import type { ChatEvent } from "../services/chat/chat-events";
import { toVisitorEvent, visitorError, type VisitorView } from "../services/widget/visitor-view";
import { errorHeaders, failureResponse, toAppError } from "./error-response";
import { REQUEST_ID_HEADER } from "./request-id";
import { encodeFrame } from "./sse-response";

/** A fresh encoder per stream: visitor events as SSE, numbered from 1. */
export function visitorEventEncoder(view: VisitorView, reference: string) {
  let sequence = 0;
  return (event: ChatEvent): string => {
    const shown = toVisitorEvent(event, view, reference);
    if (!shown) return "";
    sequence += 1;
    return encodeFrame({ id: sequence, event: shown.type, data: JSON.stringify(shown) });
  };
}

/**
 * The language a failed embed request is answered in. The widget's page sends its language as
 * `Accept-Language` (a failure may come before its token, and so its widget, is known); a caller
 * that asks for none of the widget's languages reads English.
 */
export function visitorLanguageOf(request: Request): string {
  const accept = request.headers.get("accept-language") ?? "";
  return new Negotiator({ headers: { "accept-language": accept } }).language(WIDGET_LANGUAGES) ?? "en";
}

/** An embed request that failed before its stream opened. */
export function visitorFailureResponse(error: unknown, request: Request, requestId: string): Response {
  if (request.signal.aborted) return failureResponse(error, request, requestId);
  const appError = toAppError(error, requestId);
  const retryAfter = appError.rateLimit?.retryAfterSeconds;
  const body = visitorError(
    {
      code: appError.code,
      details: appError.details,
      ...(retryAfter ? { retry_after_seconds: retryAfter } : {}),
    },
    requestId,
    visitorLanguageOf(request),
  );
  return Response.json(
    { error: body },
    {
      status: appError.status,
      headers: {
        [REQUEST_ID_HEADER]: requestId,
        // When to retry, and nothing else of a limit (a backend's capacity is the operator's).
        ...(retryAfter ? { "retry-after": errorHeaders(appError)["retry-after"]! } : {}),
        "cache-control": "no-store",
      },
    },
  );
}
