// The widget as its abusers try it: forged forwarding headers to escape the per-address limit,
// fresh tokens to escape the per-conversation one, many visitors together, and a visitor reading
// the operator's diagnostics or the knowledge's internals. Over a real socket where the client
// address matters, through the embed routes as the iframe calls them.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as sessionRoute from "@/app/embed/[assistant_id]/session/route";
import * as streamRoute from "@/app/embed/[assistant_id]/stream/route";
import type { AppError } from "../../errors";
import type { VisitorEvent } from "../../schemas/widget";
import { createBackend } from "../backends/create-backend";
import { master } from "../../test/actors";
import { createChatAssistant, parseSse } from "../../test/chat";
import { HANDBOOK_MD, uploadAndIngest } from "../../test/knowledge";
import { rejectionOf } from "../../test/rejection";
import { startRouteServer, type RouteServer } from "../../test/route-server";
import { authenticateWidget } from "./authenticate-widget";
import { openWidget } from "./open-widget";
import { prepareWidgetExchange } from "./prepare-widget-exchange";
import { startWidgetSession } from "./start-widget-session";
import { updateWidget } from "./update-widget";

const SITE = "https://shop.example.com";
const HEARTH = "http://localhost:3000"; // HEARTH_PUBLIC_URL in the test environment

let server: RouteServer;

beforeAll(async () => {
  server = await startRouteServer([
    { path: "/embed/{assistant_id}/session", handlers: { POST: (r, c) => sessionRoute.POST(r, c) } },
    { path: "/embed/{assistant_id}/stream", handlers: { POST: (r, c) => streamRoute.POST(r, c) } },
  ]);
});
afterAll(() => server.close());

beforeEach(async () => {
  await createChatAssistant("support");
  await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE] });
});

async function pageToken(address = "192.0.2.1"): Promise<string> {
  const page = await openWidget("support", `${SITE}/`, address);
  if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
  return page.token;
}

const caller = async (address = "192.0.2.1") =>
  authenticateWidget("support", { token: await pageToken(address), origin: HEARTH, host: "localhost:3000" });

async function ask(token: string, message: string, forwardedFor: string) {
  const response = await fetch(`${server.url}/embed/support/stream`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      origin: HEARTH,
      "content-type": "application/json",
      "x-forwarded-for": forwardedFor,
      "x-real-ip": forwardedFor,
    },
    body: JSON.stringify({ message }),
  });
  const text = await response.text();
  return { response, text };
}

const visitorEvents = (text: string) =>
  parseSse(text).events.map((event) => JSON.parse(event.data) as VisitorEvent);

describe("limits", () => {
  test("forged forwarding headers do not escape the per-address limit", async () => {
    await updateWidget(master, "support", { rate_per_minute_per_ip: 2, rate_per_minute_per_session: 100 });
    // Each message from a fresh widget session and a fresh "address" the client made up.
    for (const index of [1, 2]) {
      const { response } = await ask(
        await pageToken(`192.0.2.${index}`),
        `question ${index}`,
        `203.0.113.${index}`,
      );
      expect(response.status).toBe(200);
    }
    const { response, text } = await ask(await pageToken("192.0.2.3"), "question 3", "203.0.113.3");
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "RATE_LIMITED",
        message: "Too many messages in a short time. Please wait a minute.",
        reference: response.headers.get("x-request-id"),
        retry_after_seconds: expect.any(Number) as number,
      },
    });
  });

  test("one address can only mint so many widget tokens, so the per-conversation limit holds", async () => {
    await updateWidget(master, "support", { rate_per_minute_per_ip: 3 });
    for (let index = 0; index < 3; index++) await pageToken("198.51.100.1");
    const refused = await openWidget("support", `${SITE}/`, "198.51.100.1");
    expect(refused).toEqual({
      status: "refused",
      reason: "Too many chats were opened from this address. Please wait a minute.",
      language: "en",
    });
    expect((await openWidget("support", `${SITE}/`, "198.51.100.2")).status).toBe("ready");
    // In the widget's language, as everything a visitor reads.
    await updateWidget(master, "support", { language: "fr" });
    expect(await openWidget("support", `${SITE}/`, "198.51.100.1")).toMatchObject({
      status: "refused",
      reason: "Trop de chats ont été ouverts depuis cette adresse. Veuillez patienter une minute.",
    });
  });

  test("all visitors together stop at the widget's ceiling", async () => {
    await updateWidget(master, "support", { rate_per_minute: 3 });
    for (const address of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) {
      await prepareWidgetExchange(await caller(address), { message: "hello", clientAddress: address });
    }
    const refused = await rejectionOf<AppError>(
      prepareWidgetExchange(await caller("192.0.2.4"), { message: "hello", clientAddress: "192.0.2.4" }),
    );
    expect(refused).toMatchObject({ code: "RATE_LIMITED", details: { limit: "widget-all" } });
  });

  test("the settings are validated", async () => {
    await expect(updateWidget(master, "support", { rate_per_minute: 0 })).rejects.toThrow();
    await expect(updateWidget(master, "support", { sources: "scores" as never })).rejects.toThrow();
  });
});

describe("what a visitor is shown", () => {
  test("no operator detail when the model is down: a short message and a reference", async () => {
    // The assistant's model has no backend: Hearth's own diagnostics name backends and states.
    await createBackend(master, {
      name: "other-model",
      kind: "openai_compatible",
      base_url: "http://127.0.0.1:9/v1",
      models: ["another-model"],
    });
    const { response, text } = await ask(await pageToken(), "Hello?", "192.0.2.9");
    expect(response.status).toBe(503);
    const body = JSON.parse(text) as { error: { message: string; reference: string } };
    expect(body.error.message).toBe(
      "Sorry, no answer could be given just now. Please try again in a moment.",
    );
    expect(body.error.reference).toBe(response.headers.get("x-request-id"));
    expect(text).not.toMatch(/backend|other-model|gpt-oss|127\.0\.0\.1/i);
  });

  test.each([
    ["off", false, false],
    ["titles", true, false],
    ["passages", true, true],
  ] as const)("sources %s: titles %s, passages %s, never scores", async (mode, titles, passages) => {
    await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    await updateWidget(master, "support", { sources: mode });
    const token = await pageToken();
    const { response, text } = await ask(token, "How many vacation days do employees get?", "192.0.2.1");
    expect(response.status).toBe(200);
    const events = visitorEvents(text);
    const completed = events.find((event) => event.type === "response.completed");
    if (completed?.type !== "response.completed") throw new Error(`no completion in ${text}`);
    expect(completed.sources.length > 0).toBe(titles);
    expect(events.some((event) => event.type === "sources")).toBe(titles);
    if (titles) expect(completed.sources[0]).toMatchObject({ title: "handbook.md" });
    expect(completed.sources.every((source) => (source.passage !== undefined) === passages)).toBe(true);
    expect(text).not.toMatch(/score|file_id|reasoning|"model"|"backend"/);

    // The transcript a returning visitor loads follows the same setting.
    const resumed = await startWidgetSession(
      await authenticateWidget("support", { token, origin: HEARTH, host: "localhost:3000" }),
      { clientAddress: "192.0.2.1" },
    );
    const answer = resumed.messages.find((message) => message.role === "assistant");
    expect(answer?.sources.length ?? 0).toBe(completed.sources.length);
    expect(JSON.stringify(resumed)).not.toMatch(/score|file_id/);
  });
});
