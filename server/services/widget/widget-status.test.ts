// The loader's status check and the refused origins it records: allowed (with the launcher's look
// and labels in the widget's language), refused (recorded, normalised, bounded, and nothing about
// the widget told), disabled (told only to allowed origins), rate limited, unknown assistants; and
// the console's list with Allow and Dismiss, by role.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { type AppError } from "../../errors";
import { anonymous, master, userActor } from "../../test/actors";
import { createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { setAssistantEnabled } from "../assistants/set-assistant-enabled";
import { allowRefusedOrigin } from "./allow-refused-origin";
import { dismissRefusedOrigin } from "./dismiss-refused-origin";
import { getWidgetStatus } from "./get-widget-status";
import { listRefusedOrigins } from "./list-refused-origins";
import { openWidget } from "./open-widget";
import { recordRefusedOrigin, REFUSED_ORIGINS_KEPT } from "./record-refused-origin";
import { updateWidget } from "./update-widget";

const SITE = "https://shop.example.com";
const OTHER = "https://other.example";

let address = 0;
/** A fresh client address per call, so the per-address limit stays out of the way. */
const statusFor = (origin: string | null, assistantId = "support") =>
  getWidgetStatus(assistantId, { origin, clientAddress: `10.1.0.${++address % 250}` });

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
  await updateWidget(master, "support", {
    enabled: true,
    allowed_origins: [SITE],
    title: "Shop help",
    primary_color: "#0f766e",
    position: "bottom-left",
  });
});

describe("status", () => {
  test("an allowed origin gets the launcher's look and labels, in the widget's language", async () => {
    expect(await statusFor(SITE)).toEqual({
      status: "allowed",
      origin: SITE,
      message: expect.stringContaining(SITE) as string,
      widget: {
        title: "Shop help",
        primary_color: "#0f766e",
        position: "bottom-left",
        language: "en",
        labels: { open: "Open chat", close: "Close chat", frame: "Chat with Shop help" },
      },
    });
    await updateWidget(master, "support", { language: "de" });
    expect((await statusFor(SITE)).widget).toMatchObject({
      language: "de",
      labels: { open: "Chat öffnen", close: "Chat schließen", frame: "Chat mit Shop help" },
    });
  });

  test("a refused origin learns only that, with what to do, and is recorded normalised", async () => {
    const refused = await statusFor("HTTPS://Other.Example:443");
    expect(refused).toEqual({
      status: "refused",
      origin: OTHER,
      message: expect.stringContaining(`add ${OTHER} to the allowed origins`) as string,
      widget: null,
    });
    await statusFor(OTHER);
    const [row, ...rest] = await listRefusedOrigins(userActor("viewer"), "support");
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ origin: OTHER, count: 2 });
    expect(Date.parse(row!.last_seen_at)).toBeGreaterThanOrEqual(Date.parse(row!.first_seen_at));
  });

  test("no Origin header or an unreadable one is refused and records nothing", async () => {
    for (const origin of [null, "null", "file:///tmp/page.html", "not a url"]) {
      const status = await statusFor(origin);
      expect(status).toMatchObject({ status: "refused", origin: null, widget: null });
    }
    expect((await statusFor(null)).message).toContain("no Origin header");
    expect(await listRefusedOrigins(master, "support")).toEqual([]);
  });

  test("disabled is told to allowed origins only; a widget never configured refuses and records", async () => {
    await updateWidget(master, "support", { enabled: false });
    expect(await statusFor(SITE)).toMatchObject({ status: "disabled", widget: null });
    expect((await statusFor(SITE)).message).toContain("turned off");
    expect((await statusFor(OTHER)).status).toBe("refused");
    await updateWidget(master, "support", { enabled: true });
    await setAssistantEnabled(master, "support", false);
    expect(await statusFor(SITE)).toMatchObject({ status: "disabled" });
    expect((await statusFor(SITE)).message).toContain("assistant 'support' is disabled");

    expect((await statusFor(SITE, "sales")).status).toBe("refused");
    expect((await listRefusedOrigins(master, "sales")).map((row) => row.origin)).toEqual([SITE]);
  });

  test("an unknown assistant is NOT_FOUND, and nothing is recorded", async () => {
    expect((await rejectionOf<AppError>(statusFor(OTHER, "nobody"))).code).toBe("NOT_FOUND");
    expect(await getDb().widgetRefusedOrigin.count()).toBe(0);
  });

  test("one client address is limited per minute", async () => {
    const check = () => getWidgetStatus("support", { origin: SITE, clientAddress: "192.0.2.7" });
    for (let i = 0; i < 60; i++) await check(); // 3 × the widget's 20 per minute per address
    const limited = await rejectionOf<AppError>(check());
    expect(limited.code).toBe("RATE_LIMITED");
  });
});

describe("refused origins", () => {
  test("are capped per assistant, the least recently seen dropped first", async () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < REFUSED_ORIGINS_KEPT + 5; i++) {
      await recordRefusedOrigin("support", `https://site-${i}.example`, new Date(start + i * 1000));
    }
    // The oldest seen again: it stays, the next oldest go.
    await recordRefusedOrigin("support", "https://site-0.example", new Date(start + 3_600_000));
    await recordRefusedOrigin("support", "https://late.example", new Date(start + 3_700_000));
    const kept = (await listRefusedOrigins(master, "support")).map((row) => row.origin);
    expect(kept).toHaveLength(REFUSED_ORIGINS_KEPT);
    expect(kept.slice(0, 2)).toEqual(["https://late.example", "https://site-0.example"]);
    expect(kept).not.toContain("https://site-1.example");
    expect(kept).toContain(`https://site-${REFUSED_ORIGINS_KEPT + 4}.example`);
    // Another assistant's list is its own.
    expect(await listRefusedOrigins(master, "sales")).toEqual([]);
  });

  test("Allow adds the origin to the allowed ones and clears it; the page then gets the widget", async () => {
    await statusFor(OTHER);
    await statusFor("https://third.example");
    expect(
      (
        await rejectionOf<AppError>(
          allowRefusedOrigin(userActor("viewer"), { assistantId: "support", origin: OTHER }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const widget = await allowRefusedOrigin(userActor("operator"), { assistantId: "support", origin: OTHER });
    expect(widget.allowed_origins).toEqual([SITE, OTHER]);
    expect((await listRefusedOrigins(master, "support")).map((row) => row.origin)).toEqual([
      "https://third.example",
    ]);
    expect((await statusFor(OTHER)).status).toBe("allowed");
    const page = await openWidget("support", `${OTHER}/shop`, "10.2.0.1");
    expect(page.status).toBe("ready");
    // Only an origin that was refused: the list is not a back door to any origin.
    expect(
      (
        await rejectionOf<AppError>(
          allowRefusedOrigin(master, { assistantId: "support", origin: "https://x.example" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await rejectionOf<AppError>(allowRefusedOrigin(master, { assistantId: "nobody", origin: OTHER })))
        .code,
    ).toBe("NOT_FOUND");
  });

  test("an origin allowed by editing the settings leaves the list too", async () => {
    await statusFor(OTHER);
    await updateWidget(master, "support", { allowed_origins: [SITE, OTHER] });
    expect(await listRefusedOrigins(master, "support")).toEqual([]);
  });

  test("Dismiss removes it without allowing it; it returns if it asks again", async () => {
    await statusFor(OTHER);
    expect(
      (
        await rejectionOf<AppError>(
          dismissRefusedOrigin(userActor("viewer"), { assistantId: "support", origin: OTHER }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await dismissRefusedOrigin(userActor("operator"), { assistantId: "support", origin: OTHER });
    expect(await listRefusedOrigins(master, "support")).toEqual([]);
    expect((await statusFor(OTHER)).status).toBe("refused");
    expect(await listRefusedOrigins(master, "support")).toMatchObject([{ origin: OTHER, count: 1 }]);
    expect(
      (
        await rejectionOf<AppError>(
          dismissRefusedOrigin(master, { assistantId: "support", origin: "https://x.example" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  test("the list needs a caller who may read the assistant", async () => {
    expect((await rejectionOf<AppError>(listRefusedOrigins(anonymous, "support"))).code).toBe("UNAUTHORIZED");
    expect((await rejectionOf<AppError>(listRefusedOrigins(master, "nobody"))).code).toBe("NOT_FOUND");
  });
});
