// Opens (or resumes) the iframe's conversation. The page's fresh token names a new widget session;
// a browser that kept the token of an earlier visit (localStorage) presents it to continue that
// conversation instead: it must be ours, for the same assistant and site, and not older than
// RESUME_WINDOW_MS. The answer is a token for the session to use and that session's transcript.
import { AppError } from "../../errors";
import type { WidgetSessionResponse } from "../../schemas/widget";
import type { WidgetCaller } from "./authenticate-widget";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { loadWidgetTranscript } from "./widget-conversation";
import { signWidgetToken, verifyWidgetToken, WIDGET_TOKEN_TTL_MS } from "./widget-token";

const RESUME_WINDOW_MS = 30 * 24 * 60 * 60_000;

function resumedSessionId(caller: WidgetCaller, resumeToken: string | undefined): string {
  if (!resumeToken) return caller.actor.widgetSessionId;
  try {
    const earlier = verifyWidgetToken(resumeToken, { acceptExpiredFor: RESUME_WINDOW_MS });
    const same = earlier.assistantId === caller.actor.assistantId && earlier.origin === caller.actor.origin;
    return same ? earlier.widgetSessionId : caller.actor.widgetSessionId;
  } catch (error) {
    // A stale or foreign token starts a new conversation rather than failing the page.
    if (error instanceof AppError) return caller.actor.widgetSessionId;
    throw error;
  }
}

export async function startWidgetSession(
  caller: WidgetCaller,
  input: { resumeToken?: string; clientAddress: string },
): Promise<WidgetSessionResponse> {
  const { actor, widget } = caller;
  await consumeRateLimit({
    scope: "widget-open",
    key: `${actor.assistantId}:${input.clientAddress}`,
    // Opening is cheap (one read) but unbounded opening is not: a few per message allowed.
    limit: widget.ratePerMinutePerIp * 3,
    message: "Too many chat windows opened from this address; wait a minute",
  });
  const widgetSessionId = resumedSessionId(caller, input.resumeToken);
  const expiresAt = Date.now() + WIDGET_TOKEN_TTL_MS;
  const resumed = { ...actor, widgetSessionId };
  return {
    token: signWidgetToken({
      assistantId: actor.assistantId,
      origin: actor.origin,
      widgetSessionId,
      expiresAt,
    }),
    expires_at: new Date(expiresAt).toISOString(),
    messages: await loadWidgetTranscript(resumed, widget),
  };
}
