// Feedback on answers over the REST API: rate an answer (thumbs up or down, optional comment),
// rate it again to replace the rating, withdraw it; the rating in the session's messages, the
// session list's `feedback` filter and GET /telemetry's counts; and the refusals: a question, bad
// input naming the field, another session's or assistant's answer, a key of another assistant.
import type { APIRequestContext } from "@playwright/test";
import { bearer, expect, expectApiError, test } from "../fixtures";
import {
  createAssistant,
  createRuntimeKey,
  type AskResponse,
  type Feedback,
  type List,
  type Session,
  type SessionDetail,
} from "../support/runtime-api";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const FEEDBACK_FIELDS = [
  "assistant_id",
  "comment",
  "created_at",
  "given_by",
  "message_id",
  "object",
  "rating",
  "session_id",
  "updated_at",
];

function client(request: APIRequestContext, key: string) {
  const headers = bearer(key);
  const path = (answer: Pick<AskResponse, "session_id" | "message_id">, assistantId: string) =>
    `/assistants/${assistantId}/sessions/${answer.session_id}/messages/${answer.message_id}/feedback`;
  return {
    ask: async (assistantId: string, data: object = { message: "What is your returns policy?" }) => {
      const response = await request.post(`/assistants/${assistantId}/ask`, { headers, data });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as AskResponse;
    },
    rate: (assistantId: string, answer: Pick<AskResponse, "session_id" | "message_id">, data: unknown) =>
      request.post(path(answer, assistantId), { headers, data }),
    withdraw: (assistantId: string, answer: Pick<AskResponse, "session_id" | "message_id">) =>
      request.delete(path(answer, assistantId), { headers }),
    session: async (assistantId: string, sessionId: string) => {
      const response = await request.get(`/assistants/${assistantId}/sessions/${sessionId}`, { headers });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as SessionDetail;
    },
    list: (assistantId: string, params: Record<string, string>) =>
      request.get(`/assistants/${assistantId}/sessions`, { headers, params }),
  };
}

test.describe("POST /assistants/{id}/sessions/{session_id}/messages/{message_id}/feedback", () => {
  test("rates an answer, replaces the rating, shows it in the session and withdraws it", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("rated"));
    const runtime = client(request, runtimeKey.key);
    const answer = await runtime.ask(id);

    const first = await runtime.rate(id, answer, { rating: "down", comment: "It skipped refunds." });
    expect(first.status(), await first.text()).toBe(200);
    const given = (await first.json()) as Feedback;
    expect(Object.keys(given).sort()).toEqual(FEEDBACK_FIELDS);
    expect(given).toMatchObject({
      object: "feedback",
      message_id: answer.message_id,
      session_id: answer.session_id,
      assistant_id: id,
      rating: "down",
      comment: "It skipped refunds.",
      given_by: { kind: "api_key", id: runtimeKey.id },
    });
    expect(given.created_at).toMatch(ISO);

    const again = (await (await runtime.rate(id, answer, { rating: "up" })).json()) as Feedback;
    expect(again).toMatchObject({ rating: "up", comment: null, created_at: given.created_at });

    const detail = await runtime.session(id, answer.session_id);
    const [question, reply] = detail.messages;
    expect(question?.feedback).toBeNull();
    expect(reply?.feedback).toEqual(again);

    const withdrawn = await runtime.withdraw(id, answer);
    expect(await withdrawn.json()).toEqual({
      message_id: answer.message_id,
      object: "feedback.deleted",
      deleted: true,
    });
    await expectApiError(await runtime.withdraw(id, answer), 404, "NOT_FOUND");
    expect((await runtime.session(id, answer.session_id)).messages[1]?.feedback).toBeNull();
  });

  test("400 naming the field for a bad rating, a long comment, an unknown field or a question", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("badrate"));
    const runtime = client(request, runtimeKey.key);
    const answer = await runtime.ask(id);
    const cases: Array<[unknown, string]> = [
      [{ rating: "meh" }, "body.rating"],
      [{}, "body.rating"],
      [{ rating: "up", comment: "x".repeat(2001) }, "body.comment"],
      [{ rating: "up", stars: 5 }, "body"],
    ];
    for (const [data, field] of cases) {
      const body = await expectApiError(await runtime.rate(id, answer, data), 400, "INVALID_INPUT");
      expect(JSON.stringify(body.error.details), JSON.stringify(data)).toContain(`"${field}`);
    }
    const detail = await runtime.session(id, answer.session_id);
    const questionId = detail.messages[0]!.id;
    const question = await expectApiError(
      await runtime.rate(id, { ...answer, message_id: questionId }, { rating: "up" }),
      400,
      "INVALID_INPUT",
    );
    expect(question.error.message).toMatch(/question/);
  });

  test("another session's or assistant's answer is 404; a key of another assistant is refused", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const mine = await createAssistant(api, uniqueId("mine"));
    const theirs = await createAssistant(api, uniqueId("theirs"));
    const runtime = client(request, runtimeKey.key);
    const answer = await runtime.ask(mine);
    const other = await runtime.ask(mine);
    const foreign = await runtime.ask(theirs);

    for (const [assistantId, target] of [
      [mine, { ...answer, session_id: other.session_id }],
      [mine, foreign],
      [theirs, answer],
      [mine, { ...answer, message_id: "msg_000000000000000000000000" }],
      [mine, { ...answer, session_id: "sess_000000000000000000000000" }],
    ] as const) {
      await expectApiError(await runtime.rate(assistantId, target, { rating: "up" }), 404, "NOT_FOUND");
    }
    const scoped = client(request, await createRuntimeKey(api, [theirs]));
    await expectApiError(await scoped.rate(mine, answer, { rating: "up" }), 403, "FORBIDDEN");
    await expectApiError(await scoped.withdraw(mine, answer), 403, "FORBIDDEN");
    const anonymous = await request.post(
      `/assistants/${mine}/sessions/${answer.session_id}/messages/${answer.message_id}/feedback`,
      { data: { rating: "up" } },
    );
    await expectApiError(anonymous, 401, "UNAUTHORIZED");
    expect((await runtime.session(mine, answer.session_id)).messages[1]?.feedback).toBeNull();
  });
});

test("the session list filters by feedback, and GET /telemetry counts it", async ({
  api,
  request,
  runtimeKey,
  uniqueId,
}) => {
  const id = await createAssistant(api, uniqueId("filtered"));
  const runtime = client(request, runtimeKey.key);
  const liked = await runtime.ask(id);
  const disliked = await runtime.ask(id);
  const unrated = await runtime.ask(id);
  expect((await runtime.rate(id, liked, { rating: "up" })).status()).toBe(200);
  expect((await runtime.rate(id, disliked, { rating: "down", comment: "Wrong" })).status()).toBe(200);

  const ids = async (feedback: string) => {
    const response = await runtime.list(id, { feedback });
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as List<Session>).data.map((session) => session.id).sort();
  };
  expect(await ids("up")).toEqual([liked.session_id]);
  expect(await ids("down")).toEqual([disliked.session_id]);
  expect(await ids("any")).toEqual([liked.session_id, disliked.session_id].sort());
  expect(await ids("none")).toEqual([unrated.session_id]);
  await expectApiError(await runtime.list(id, { feedback: "maybe" }), 400, "INVALID_INPUT");

  const telemetry = (await (await api.get("/telemetry")).json()) as {
    assistants: Array<{
      assistant_id: string;
      windows: Record<"1m" | "15m" | "1h", { feedback: { up: number; down: number } }>;
      feedback: { up: number; down: number; positive_share: number | null; by_rag: unknown[] };
    }>;
  };
  const mine = telemetry.assistants.find((assistant) => assistant.assistant_id === id)!;
  expect(mine.windows["1h"].feedback).toEqual({ up: 1, down: 1 });
  expect(mine.feedback).toMatchObject({ up: 1, down: 1, positive_share: 0.5 });
  expect(mine.feedback.by_rag).toEqual([{ decision: "forwarded", up: 1, down: 1, positive_share: 0.5 }]);
});

test("/openapi.json documents the endpoint", async ({ request }) => {
  const document = (await (await request.get("/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const item =
    document.paths["/assistants/{assistant_id}/sessions/{session_id}/messages/{message_id}/feedback"];
  expect(Object.keys(item ?? {}).sort()).toEqual(["delete", "post"]);
});
