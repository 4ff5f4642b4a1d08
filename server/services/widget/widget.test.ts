// The embeddable widget: its settings (who may change them, validation), the token (signature,
// tampering, expiry), the origin checks on the iframe page and on every embed request (an empty
// list allows none; a removed origin stops a live token), the shared rate limits, and that a
// widget caller can chat with its own assistant and reach nothing else.
import { beforeEach, describe, expect, test } from "vitest";
import { AppError } from "../../errors";
import { master, userActor } from "../../test/actors";
import { collectEvents, createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { authorize } from "../access/policy";
import { setAssistantEnabled } from "../assistants/set-assistant-enabled";
import { updateAssistant } from "../assistants/update-assistant";
import { runExchange } from "../runtime/exchange/run-exchange";
import { getSession } from "../sessions/get-session";
import { listSessions } from "../sessions/list-sessions";
import { authenticateWidget, type WidgetActor } from "./authenticate-widget";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { getWidget } from "./get-widget";
import { openWidget, widgetFrameAncestors } from "./open-widget";
import { prepareWidgetExchange } from "./prepare-widget-exchange";
import { startWidgetSession } from "./start-widget-session";
import { updateWidget } from "./update-widget";
import { signWidgetToken, verifyWidgetToken } from "./widget-token";

const SITE = "https://shop.example.com";
const HEARTH = "http://localhost:3000"; // HEARTH_PUBLIC_URL in the test environment

async function pageToken(assistantId = "support", referer = `${SITE}/products/1`): Promise<string> {
  const page = await openWidget(assistantId, referer, "10.0.0.99");
  if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
  return page.token;
}

const embedRequest = (token: string | null, origin: string | null = HEARTH) => ({
  token,
  origin,
  host: "localhost:3000",
});

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
  await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE], title: "Shop help" });
});

describe("settings", () => {
  test("default to disabled with no origin, and show the snippet with the public URL", async () => {
    const widget = await getWidget(userActor("viewer"), "sales");
    expect(widget).toMatchObject({ enabled: false, allowed_origins: [], position: "bottom-right" });
    expect(widget.snippet).toBe(
      `<script src="${HEARTH}/widget.js" data-assistant="sales" data-position="bottom-right" data-color="#b45309" async></script>`,
    );
  });

  test("need assistants:write to change; origins and colours are validated", async () => {
    expect(
      (await rejectionOf<AppError>(updateWidget(userActor("viewer"), "support", { enabled: false }))).code,
    ).toBe("FORBIDDEN");
    await expect(
      updateWidget(master, "support", { allowed_origins: ["https://a.example/path"] }),
    ).rejects.toThrow();
    await expect(updateWidget(master, "support", { allowed_origins: ["*"] })).rejects.toThrow();
    await expect(updateWidget(master, "support", { primary_color: "red" })).rejects.toThrow();
    const saved = await updateWidget(userActor("operator"), "support", {
      allowed_origins: ["https://A.example:8443/", "https://a.example:8443"],
      primary_color: "#AABBCC",
      position: "bottom-left",
    });
    expect(saved).toMatchObject({
      allowed_origins: ["https://a.example:8443"],
      primary_color: "#aabbcc",
      position: "bottom-left",
    });
  });
});

describe("token", () => {
  const claims = {
    assistantId: "support",
    origin: SITE,
    widgetSessionId: "ws_x",
    expiresAt: Date.now() + 60_000,
  };

  test("round-trips, and refuses tampering, foreign signatures and expiry", () => {
    const token = signWidgetToken(claims);
    expect(verifyWidgetToken(token)).toEqual(claims);
    const [prefix, payload, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ a: "support", o: "https://evil.example", s: "ws_x", e: claims.expiresAt }),
    ).toString("base64url");
    expect(() => verifyWidgetToken(`${prefix}.${forged}.${signature}`)).toThrow(/Invalid widget token/);
    expect(() => verifyWidgetToken(`${prefix}.${payload}.${"A".repeat(43)}`)).toThrow(/Invalid widget token/);
    expect(() => verifyWidgetToken("garbage")).toThrow(/Invalid widget token/);
    expect(() => verifyWidgetToken(token, { now: claims.expiresAt + 1 })).toThrow(/expired/);
    expect(verifyWidgetToken(token, { now: claims.expiresAt + 1, acceptExpiredFor: 10_000 })).toEqual(claims);
  });
});

describe("the iframe page", () => {
  test("only an allowed origin gets a token; an empty list allows none", async () => {
    expect(await openWidget("support", `${SITE}/any/page?q=1`, "10.0.0.99")).toMatchObject({
      status: "ready",
      appearance: { title: "Shop help" },
    });
    expect((await openWidget("support", "https://evil.example/", "10.0.0.99")).status).toBe("refused");
    expect((await openWidget("support", "https://shop.example.com:444/", "10.0.0.99")).status).toBe(
      "refused",
    );
    expect((await openWidget("support", null, "10.0.0.99")).status).toBe("refused");
    await updateWidget(master, "support", { allowed_origins: [] });
    expect((await openWidget("support", `${SITE}/`, "10.0.0.99")).status).toBe("refused");
    expect(await widgetFrameAncestors("support")).toBe("'none'");
  });

  test("offers the assistant's suggested questions as starters", async () => {
    expect(await openWidget("support", `${SITE}/`, "10.0.0.99")).toMatchObject({
      appearance: { suggestions: [] },
    });
    await updateAssistant(master, "support", { suggested_questions: ["How do I return an order?"] });
    expect(await openWidget("support", `${SITE}/`, "10.0.0.99")).toMatchObject({
      status: "ready",
      appearance: { suggestions: ["How do I return an order?"] },
    });
  });

  test("sends frame-ancestors for the allowed origins only while the widget is live", async () => {
    expect(await widgetFrameAncestors("support")).toBe(SITE);
    expect(await widgetFrameAncestors("sales")).toBe("'none'");
    await setAssistantEnabled(master, "support", false);
    expect(await widgetFrameAncestors("support")).toBe("'none'");
    expect((await openWidget("support", `${SITE}/`, "10.0.0.99")).status).toBe("refused");
  });
});

describe("embed requests", () => {
  test("are checked on every request: token, Hearth's own origin, the origin still allowed", async () => {
    const token = await pageToken();
    const caller = await authenticateWidget("support", embedRequest(token));
    expect(caller.actor).toMatchObject({ kind: "widget", assistantId: "support", origin: SITE });

    expect((await rejectionOf<AppError>(authenticateWidget("support", embedRequest(null)))).code).toBe(
      "UNAUTHORIZED",
    );
    expect((await rejectionOf<AppError>(authenticateWidget("sales", embedRequest(token)))).code).toBe(
      "FORBIDDEN",
    );
    // Another site's script calling the endpoint directly, or with no Origin at all.
    expect((await rejectionOf<AppError>(authenticateWidget("support", embedRequest(token, SITE)))).code).toBe(
      "FORBIDDEN",
    );
    expect((await rejectionOf<AppError>(authenticateWidget("support", embedRequest(token, null)))).code).toBe(
      "FORBIDDEN",
    );
    // The origin removed: the live token stops at once.
    await updateWidget(master, "support", { allowed_origins: ["https://other.example"] });
    expect((await rejectionOf<AppError>(authenticateWidget("support", embedRequest(token)))).code).toBe(
      "FORBIDDEN",
    );
    await updateWidget(master, "support", { allowed_origins: [SITE], enabled: false });
    expect((await rejectionOf<AppError>(authenticateWidget("support", embedRequest(token)))).code).toBe(
      "FORBIDDEN",
    );
  });

  test("a conversation is answered, kept, and resumed from the kept token only", async () => {
    const caller = await authenticateWidget("support", embedRequest(await pageToken()));
    const opened = await startWidgetSession(caller, { clientAddress: "10.0.0.1" });
    expect(opened.messages).toEqual([]);
    const prepared = await prepareWidgetExchange(caller, {
      message: "Hello there",
      clientAddress: "10.0.0.1",
    });
    const events = await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );
    expect(events.at(-1)?.type).toBe("response.completed");

    // A reload: a fresh page token, plus the token this browser kept.
    const reloaded = await authenticateWidget("support", embedRequest(await pageToken()));
    const resumed = await startWidgetSession(reloaded, {
      clientAddress: "10.0.0.1",
      resumeToken: opened.token,
    });
    expect(resumed.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(resumed.messages[0]?.content).toBe("Hello there");
    // Without it, or with a token of another site, a new conversation starts.
    expect((await startWidgetSession(reloaded, { clientAddress: "10.0.0.1" })).messages).toEqual([]);
    const foreign = signWidgetToken({
      ...verifyWidgetToken(opened.token),
      origin: "https://evil.example",
    });
    expect(
      (await startWidgetSession(reloaded, { clientAddress: "10.0.0.1", resumeToken: foreign })).messages,
    ).toEqual([]);

    const sessions = await listSessions(master, "support", { limit: 10 });
    expect(sessions.data[0]).toMatchObject({ metadata: { channel: "widget", origin: SITE } });
  });

  test("rate limits per IP and per widget session answer RATE_LIMITED with Retry-After", async () => {
    await updateWidget(master, "support", { rate_per_minute_per_ip: 3, rate_per_minute_per_session: 2 });
    const first = await authenticateWidget("support", embedRequest(await pageToken()));
    await prepareWidgetExchange(first, { message: "one", clientAddress: "10.0.0.2" });
    await prepareWidgetExchange(first, { message: "two", clientAddress: "10.0.0.2" });
    const perSession = await rejectionOf<AppError>(
      prepareWidgetExchange(first, { message: "three", clientAddress: "10.0.0.3" }),
    );
    expect(perSession.code).toBe("RATE_LIMITED");
    expect(perSession.rateLimit?.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    const second = await authenticateWidget("support", embedRequest(await pageToken()));
    await prepareWidgetExchange(second, { message: "four", clientAddress: "10.0.0.2" }); // the IP's 3rd
    const perIp = await rejectionOf<AppError>(
      prepareWidgetExchange(second, { message: "five", clientAddress: "10.0.0.2" }),
    );
    expect(perIp.code).toBe("RATE_LIMITED");
  });

  test("a fixed window starts again after a minute", async () => {
    const rule = { scope: "test", key: "k", limit: 1, message: "slow down" };
    await consumeRateLimit(rule, 1_000_000);
    await expect(consumeRateLimit(rule, 1_000_500)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(consumeRateLimit(rule, 1_060_001)).resolves.toBeUndefined();
  });
});

describe("the widget actor", () => {
  const actor: WidgetActor = {
    kind: "widget",
    assistantId: "support",
    origin: SITE,
    widgetSessionId: "ws_a",
  };

  test("may use its own assistant's chat and nothing else", async () => {
    expect(() => authorize(actor, "runtime:use", "support")).not.toThrow();
    expect(() => authorize(actor, "runtime:use", "sales")).toThrow(AppError);
    for (const permission of [
      "sessions:read",
      "assistants:read",
      "assistants:write",
      "api_keys:manage",
      "knowledge:read",
    ] as const) {
      expect(() => authorize(actor, permission, "support")).toThrow(AppError);
    }
    expect((await rejectionOf<AppError>(listSessions(actor, "support", { limit: 10 }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await rejectionOf<AppError>(getSession(actor, "support", "sess_x"))).code).toBe("FORBIDDEN");
    expect((await rejectionOf<AppError>(getWidget(actor, "support"))).code).toBe("FORBIDDEN");
    expect(
      (
        await rejectionOf<AppError>(
          updateWidget(actor, "support", { allowed_origins: ["https://evil.example"] }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});
