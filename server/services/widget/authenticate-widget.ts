// The check every embed endpoint runs before anything else, on every request: a token we signed,
// unexpired, for this assistant; a request made by Hearth's own page (the iframe), not by another
// site's script; and the widget still live with the token's origin still allowed. The caller
// becomes a widget actor, which may use this one assistant's chat and nothing else.
import type { AssistantWidget } from "../../db/client";
import { AppError } from "../../errors";
import type { Actor, RequestOrigin } from "../access/actor";
import { instanceValues } from "../settings/instance-settings";
import { hearthBaseUrl } from "./widget-dto";
import { loadLiveWidget } from "./load-live-widget";
import { isOriginAllowed, originOf } from "./widget-origin";
import { verifyWidgetToken } from "./widget-token";
import { forVisitor } from "./visitor-view";

export type WidgetActor = Extract<Actor, { kind: "widget" }>;

export interface WidgetRequest {
  token: string | null;
  /** The request's Origin header. */
  origin: string | null;
  /** The Host the request was addressed to (X-Forwarded-Host behind a proxy). */
  host: string | null;
  /** Where the request came from, carried on the actor (logs, audit). */
  via?: RequestOrigin;
}

export interface WidgetCaller {
  actor: WidgetActor;
  widget: AssistantWidget;
}

/** Hearth's own page: served at HEARTH_PUBLIC_URL, the settings' public base URL, or the request's host. */
function isHearthOrigin(origin: string | null, host: string | null, publicBaseUrl: string): boolean {
  const parsed = originOf(origin);
  if (!parsed) return false;
  return (
    parsed === originOf(hearthBaseUrl()) ||
    parsed === originOf(publicBaseUrl) ||
    (host !== null && new URL(parsed).host === host)
  );
}

export async function authenticateWidget(assistantId: string, request: WidgetRequest): Promise<WidgetCaller> {
  if (!request.token) throw new AppError("UNAUTHORIZED", "A widget token is required; reload the page");
  const claims = verifyWidgetToken(request.token);
  if (claims.assistantId !== assistantId) {
    throw new AppError("FORBIDDEN", "This widget token belongs to another assistant");
  }
  if (!isHearthOrigin(request.origin, request.host, (await instanceValues()).publicBaseUrl)) {
    throw new AppError("FORBIDDEN", "Embed endpoints answer only the widget's own page");
  }
  const live = await loadLiveWidget(assistantId);
  if (!live) throw new AppError("FORBIDDEN", "This chat is not available");
  if (!isOriginAllowed(claims.origin, live.widget.allowedOrigins)) {
    throw new AppError(
      "FORBIDDEN",
      "This chat is not available on this site",
      forVisitor("notAvailableHere"),
    );
  }
  return {
    actor: {
      kind: "widget",
      assistantId,
      origin: claims.origin,
      widgetSessionId: claims.widgetSessionId,
      ...(request.via ? { via: request.via } : {}),
    },
    widget: live.widget,
  };
}
