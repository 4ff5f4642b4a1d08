// The widget's endpoints through the same edge as the API (handle.ts with `auth: "widget"`): the
// caller is the widget token's, input is validated by their specs, and every answer is in a
// visitor's terms, never cached, with the request id as the reference.
import { beforeEach, describe, expect, test } from "vitest";
import * as sessionRoute from "@/app/embed/[assistant_id]/session/route";
import * as statusRoute from "@/app/embed/[assistant_id]/status/route";
import { AppError } from "../errors";
import { rateLimitOf } from "../services/gateway/gateway";
import { openWidget } from "../services/widget/open-widget";
import { updateWidget } from "../services/widget/update-widget";
import { master } from "../test/actors";
import { createChatAssistant } from "../test/chat";
import { visitorFailureResponse } from "./widget-response";

const SITE = "https://shop.example.com";
const HEARTH = "http://localhost:3000"; // HEARTH_PUBLIC_URL in the test environment

beforeEach(async () => {
  await createChatAssistant("support");
  await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE] });
});

async function pageToken(): Promise<string> {
  const page = await openWidget("support", `${SITE}/`, "192.0.2.1");
  if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
  return page.token;
}

async function openSession(headers: Record<string, string>, body: unknown = {}) {
  const request = new Request(`${HEARTH}/embed/support/session`, {
    method: "POST",
    headers: {
      origin: HEARTH,
      "content-type": "application/json",
      "x-request-id": "req-widget-1",
      ...headers,
    },
    body: JSON.stringify(body),
  });
  const response = await sessionRoute.POST(request, { params: Promise.resolve({ assistant_id: "support" }) });
  return { response, json: (await response.json()) as Record<string, unknown> };
}

describe("POST /embed/{assistant_id}/session", () => {
  test("a widget token opens a conversation; the answer is not cached", async () => {
    const { response, json } = await openSession({ authorization: `Bearer ${await pageToken()}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toBe("req-widget-1");
    expect(json).toMatchObject({ token: expect.any(String) as string, messages: [] });
  });

  test("without a token: the visitor's error, with the request id as reference", async () => {
    const { response, json } = await openSession({});
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(json).toEqual({
      error: {
        code: "UNAUTHORIZED",
        message: "This chat has expired. Please reload the page.",
        reference: "req-widget-1",
      },
    });
  });

  test("in the language the widget's page asks for; English for any other", async () => {
    const german = await openSession({ "accept-language": "de" });
    expect(german.json.error).toMatchObject({
      code: "UNAUTHORIZED",
      message: "Dieser Chat ist abgelaufen. Bitte laden Sie die Seite neu.",
    });
    const turkish = await openSession({ "accept-language": "tr-TR,tr;q=0.9,en;q=0.5" });
    expect(turkish.json.error).toMatchObject({
      message: "Bu sohbetin süresi doldu. Lütfen sayfayı yenileyin.",
    });
    const japanese = await openSession({ "accept-language": "ja" });
    expect(japanese.json.error).toMatchObject({ message: "This chat has expired. Please reload the page." });
  });

  test("an invalid body, after the token: the API's code, in a visitor's words, without its details", async () => {
    const { response, json } = await openSession(
      { authorization: `Bearer ${await pageToken()}` },
      { resume_token: 5 },
    );
    expect(response.status).toBe(400);
    expect(json).toEqual({
      error: {
        code: "INVALID_INPUT",
        message: "This message could not be sent. Please shorten or rephrase it.",
        reference: "req-widget-1",
      },
    });
  });

  test("a token for another assistant is refused before the path is validated", async () => {
    const request = new Request(`${HEARTH}/embed/Not%20Valid/session`, {
      method: "POST",
      headers: { origin: HEARTH, authorization: `Bearer ${await pageToken()}` },
    });
    const response = await sessionRoute.POST(request, {
      params: Promise.resolve({ assistant_id: "Not Valid" }),
    });
    expect(response.status).toBe(403);
  });
});

test("a model backend's capacity refusal tells a visitor when to retry, and nothing of the capacity", async () => {
  const error = new AppError("RATE_LIMITED", "Too many requests for 'gpt-oss-20b'", {
    rateLimit: rateLimitOf(4, 16),
  });
  const response = visitorFailureResponse(
    error,
    new Request(`${HEARTH}/embed/support/stream`),
    "req-widget-2",
  );
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe("4");
  expect([...response.headers.keys()].filter((name) => name.startsWith("ratelimit"))).toEqual([]);
  expect(await response.json()).toEqual({
    error: {
      code: "RATE_LIMITED",
      message: "Many people are asking right now. Please try again in a moment.",
      reference: "req-widget-2",
      retry_after_seconds: 4,
    },
  });
});

describe("GET /embed/{assistant_id}/status", () => {
  const status = (assistantId: string, headers: Record<string, string>) =>
    statusRoute.GET(new Request(`${HEARTH}/embed/${assistantId}/status?origin=${SITE}`, { headers }), {
      params: Promise.resolve({ assistant_id: assistantId }),
    });

  test("answers any origin (CORS), never cached, from the Origin header and not the query", async () => {
    const allowed = await status("support", { origin: SITE });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("*");
    expect(allowed.headers.get("cache-control")).toBe("no-store");
    expect(await allowed.json()).toMatchObject({ status: "allowed", origin: SITE });
    // The query names the allowed site, the browser another: the browser is believed.
    const refused = await status("support", { origin: "https://evil.example" });
    expect(await refused.json()).toMatchObject({
      status: "refused",
      origin: "https://evil.example",
      widget: null,
    });
  });

  test("errors are readable cross-origin too: an unknown assistant 404, a malformed id 400", async () => {
    const missing = await status("nobody", { origin: SITE });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await status("Not An Id", { origin: SITE })).status).toBe(400);
  });
});
