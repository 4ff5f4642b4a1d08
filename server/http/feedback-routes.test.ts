// Feedback on answers through the route handlers: the REST endpoint (rate, re-rate, withdraw, its
// refusals naming the field, objects of another session, assistant or key not reached), the
// session list's `feedback` filter, and the widget's endpoint in a visitor's terms.
import { beforeEach, describe, expect, test } from "vitest";
import * as widgetFeedbackRoute from "@/app/embed/[assistant_id]/feedback/route";
import * as feedbackRoute from "@/app/assistants/[assistant_id]/sessions/[session_id]/messages/[message_id]/feedback/route";
import * as sessionRoute from "@/app/assistants/[assistant_id]/sessions/[session_id]/route";
import * as sessionsRoute from "@/app/assistants/[assistant_id]/sessions/route";
import { feedbackSchema } from "@/server/schemas/feedback";
import { sessionDetailSchema, sessionListSchema } from "@/server/schemas/chat";
import { askAssistant } from "@/server/services/runtime/ask-assistant";
import { openWidget } from "@/server/services/widget/open-widget";
import { updateWidget } from "@/server/services/widget/update-widget";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { callRoute } from "@/server/test/rest";

const HEARTH = "http://localhost:3000"; // HEARTH_PUBLIC_URL in the test environment
const SITE = "https://shop.example.com";

let runtime: Record<string, string>;

interface Answer {
  assistant_id: string;
  session_id: string;
  message_id: string;
}

const ask = async (assistantId = "support"): Promise<Answer> => {
  const answer = await askAssistant(
    master,
    assistantId,
    { message: "Returns?", reasoning: false },
    AbortSignal.timeout(10_000),
  );
  return { assistant_id: assistantId, session_id: answer.session_id, message_id: answer.message_id };
};

function rate(params: Answer, body: unknown, headers = runtime, method = "POST") {
  return callRoute(method === "DELETE" ? feedbackRoute.DELETE : feedbackRoute.POST, {
    method,
    path: `/assistants/${params.assistant_id}/sessions/${params.session_id}/messages/${params.message_id}/feedback`,
    params: { ...params },
    headers,
    body,
  });
}

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
  runtime = bearer((await createKeyActor("runtime", ["support"])).secret);
});

describe("POST/DELETE /assistants/{assistant_id}/sessions/{session_id}/messages/{message_id}/feedback", () => {
  test("rates, re-rates and withdraws; the session's message carries the rating", async () => {
    const answer = await ask();
    const first = await rate(answer, { rating: "down", comment: "Too vague" });
    expect(first.status).toBe(200);
    expect(feedbackSchema.parse(first.json)).toMatchObject({ rating: "down", comment: "Too vague" });
    const second = await rate(answer, { rating: "up" });
    expect(second.json).toMatchObject({ rating: "up", comment: null, given_by: { kind: "api_key" } });

    const detail = await callRoute(sessionRoute.GET, {
      path: `/assistants/support/sessions/${answer.session_id}`,
      params: { assistant_id: "support", session_id: answer.session_id },
      headers: runtime,
    });
    const messages = sessionDetailSchema.parse(detail.json).messages;
    expect(messages.map((message) => message.feedback?.rating ?? null)).toEqual([null, "up"]);

    const withdrawn = await rate(answer, undefined, runtime, "DELETE");
    expect(withdrawn.json).toEqual({
      message_id: answer.message_id,
      object: "feedback.deleted",
      deleted: true,
    });
    expect((await rate(answer, undefined, runtime, "DELETE")).status).toBe(404);
  });

  test("bad input is a 400 naming the field", async () => {
    const answer = await ask();
    const long = await rate(answer, { rating: "up", comment: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.json.error.details?.[0]?.path).toBe("body.comment");
    const rating = await rate(answer, { rating: "great" });
    expect(rating.status).toBe(400);
    expect(rating.json.error.details?.[0]?.path).toBe("body.rating");
    expect((await rate(answer, { comment: "no rating" })).json.error.details?.[0]?.path).toBe("body.rating");
  });

  test("a question is a 400; another session's, assistant's or key's answer is not reached", async () => {
    const answer = await ask();
    const other = await ask();
    const sales = await ask("sales");
    const detail = await callRoute(sessionRoute.GET, {
      path: `/assistants/support/sessions/${answer.session_id}`,
      params: { assistant_id: "support", session_id: answer.session_id },
      headers: runtime,
    });
    const questionId = sessionDetailSchema.parse(detail.json).messages[0]!.id;
    const question = await rate({ ...answer, message_id: questionId }, { rating: "up" });
    expect(question.status).toBe(400);
    expect(question.json.error.message).toMatch(/question/);

    expect((await rate({ ...answer, session_id: other.session_id }, { rating: "up" })).status).toBe(404);
    expect((await rate({ ...sales, assistant_id: "support" }, { rating: "up" })).status).toBe(404);
    expect((await rate({ ...answer, message_id: "msg_nope" }, { rating: "up" })).status).toBe(404);
    // A key of the support assistant on the sales assistant's answer: refused, as the sessions are.
    expect((await rate(sales, { rating: "up" })).status).toBe(403);
    expect((await rate(answer, { rating: "up" }, {})).status).toBe(401);
  });
});

describe("GET /assistants/{assistant_id}/sessions?feedback=", () => {
  test("filters by the ratings of the sessions' answers; an unknown value is a 400", async () => {
    const liked = await ask();
    await ask();
    await rate(liked, { rating: "up" });
    const list = (feedback: string) =>
      callRoute(sessionsRoute.GET, {
        path: `/assistants/support/sessions?feedback=${feedback}`,
        params: { assistant_id: "support" },
        headers: runtime,
      });
    const up = sessionListSchema.parse((await list("up")).json);
    expect(up.data.map((session) => session.id)).toEqual([liked.session_id]);
    expect(sessionListSchema.parse((await list("down")).json).total).toBe(0);
    expect(sessionListSchema.parse((await list("none")).json).total).toBe(1);
    const bad = await list("maybe");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details?.[0]?.path).toBe("query.feedback");
  });
});

describe("POST /embed/{assistant_id}/feedback", () => {
  test("a visitor may not rate an answer outside their conversation: a visitor's 403", async () => {
    await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE] });
    const page = await openWidget("support", `${SITE}/`, "192.0.2.1");
    if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
    const answer = await ask();
    const response = await callRoute(widgetFeedbackRoute.POST, {
      path: "/embed/support/feedback",
      params: { assistant_id: "support" },
      headers: { authorization: `Bearer ${page.token}`, origin: HEARTH, "x-request-id": "req-fb-1" },
      body: { message_id: answer.message_id, rating: "down" },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.json).toEqual({
      error: {
        code: "FORBIDDEN",
        message: "Only answers in your own conversation can be rated.",
        reference: "req-fb-1",
      },
    });
  });
});
