// Feedback on answers through the services: rating and re-rating (one current rating per answer),
// withdrawing, who may rate which answers (a question, another session's or assistant's answer, a
// key of another assistant), that the rating shows in the session's messages, filters the session
// list, and goes with its session. No model backend: the retrieval-only engine answers.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { giveFeedbackInputSchema, type AnswerRef } from "../../schemas/feedback";
import { createUserActor, keyActor, master } from "../../test/actors";
import { createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { askAssistant } from "../runtime/ask-assistant";
import { deleteSession } from "./delete-session";
import { getSession } from "./get-session";
import { giveFeedback } from "./give-feedback";
import { listSessions } from "./list-sessions";
import { withdrawFeedback } from "./withdraw-feedback";

const ask = async (assistantId: string, sessionId?: string) => {
  const answer = await askAssistant(
    master,
    assistantId,
    { message: "Returns?", reasoning: false, ...(sessionId ? { session_id: sessionId } : {}) },
    new AbortController().signal,
  );
  return { assistantId, sessionId: answer.session_id, messageId: answer.message_id } satisfies AnswerRef;
};

const codeOf = async (promise: Promise<unknown>) => (await rejectionOf<AppError>(promise)).code;

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("giving feedback", () => {
  test("rates an answer; rating it again replaces the rating; the session shows the current one", async () => {
    const answer = await ask("support");
    const first = await giveFeedback(keyActor("runtime", ["support"]), answer, { rating: "down" });
    expect(first).toMatchObject({
      object: "feedback",
      message_id: answer.messageId,
      session_id: answer.sessionId,
      assistant_id: "support",
      rating: "down",
      comment: null,
      given_by: { kind: "api_key", id: "key-runtime" },
    });

    const operator = await createUserActor("operator");
    const second = await giveFeedback(operator, answer, { rating: "up", comment: "  Spot on  " });
    expect(second).toMatchObject({
      rating: "up",
      comment: "Spot on",
      given_by: { kind: "console_user", id: operator.userId },
      created_at: first.created_at,
    });
    expect(Date.parse(second.updated_at)).toBeGreaterThanOrEqual(Date.parse(first.updated_at));
    expect(await getDb().messageFeedback.count()).toBe(1);

    const detail = await getSession(await createUserActor("viewer"), "support", answer.sessionId);
    const [question, reply] = detail.messages;
    expect(question?.feedback).toBeNull();
    expect(reply?.feedback).toEqual(second);
  });

  test("the master key is recorded without an id; an empty comment is no comment", async () => {
    const answer = await ask("support");
    expect(await giveFeedback(master, answer, { rating: "up", comment: "" })).toMatchObject({
      comment: null,
      given_by: { kind: "master_key", id: null },
    });
  });

  test("a comment is at most 2000 characters, and the rating is up or down", () => {
    expect(giveFeedbackInputSchema.safeParse({ rating: "up", comment: "x".repeat(2000) }).success).toBe(true);
    const long = giveFeedbackInputSchema.safeParse({ rating: "up", comment: "x".repeat(2001) });
    expect(long.error?.issues[0]?.path).toEqual(["comment"]);
    expect(giveFeedbackInputSchema.safeParse({ rating: "meh" }).error?.issues[0]?.path).toEqual(["rating"]);
    expect(giveFeedbackInputSchema.safeParse({ rating: "up", stars: 5 }).success).toBe(false);
  });

  test("a question cannot be rated", async () => {
    const answer = await ask("support");
    const question = await getDb().message.findFirstOrThrow({
      where: { sessionId: answer.sessionId, role: "user" },
    });
    const refusal = await rejectionOf<AppError>(
      giveFeedback(master, { ...answer, messageId: question.id }, { rating: "up" }),
    );
    expect(refusal.code).toBe("INVALID_INPUT");
    expect(refusal.message).toMatch(/question/);
  });

  test("another session's or assistant's answer is not found; a key of another assistant is refused", async () => {
    const answer = await ask("support");
    const other = await ask("support");
    const sales = await ask("sales");
    // The answer named under another session of the same assistant, or under another assistant.
    expect(
      await codeOf(giveFeedback(master, { ...answer, sessionId: other.sessionId }, { rating: "up" })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(giveFeedback(master, { ...answer, assistantId: "sales" }, { rating: "up" }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(
        giveFeedback(
          master,
          { ...sales, assistantId: "support", sessionId: answer.sessionId },
          { rating: "up" },
        ),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(giveFeedback(master, { ...answer, messageId: "msg_missing" }, { rating: "up" })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(giveFeedback(keyActor("runtime", ["sales"]), answer, { rating: "up" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(giveFeedback(await createUserActor("viewer"), answer, { rating: "up" }))).toBe(
      "FORBIDDEN",
    );
    expect(await getDb().messageFeedback.count()).toBe(0);
  });

  test("withdrawing removes the rating; withdrawing none is NOT_FOUND", async () => {
    const answer = await ask("support");
    await giveFeedback(master, answer, { rating: "down" });
    expect(await withdrawFeedback(master, answer)).toEqual({
      message_id: answer.messageId,
      object: "feedback.deleted",
      deleted: true,
    });
    expect(await codeOf(withdrawFeedback(master, answer))).toBe("NOT_FOUND");
    expect((await getSession(master, "support", answer.sessionId)).messages[1]?.feedback).toBeNull();
  });

  test("a deleted session takes its answers' ratings with it", async () => {
    const answer = await ask("support");
    await giveFeedback(master, answer, { rating: "up" });
    await deleteSession(master, "support", answer.sessionId);
    expect(await getDb().messageFeedback.count()).toBe(0);
  });
});

describe("the session list's feedback filter", () => {
  test("up, down, any and none", async () => {
    const liked = await ask("support");
    await ask("support", liked.sessionId);
    const disliked = await ask("support");
    const both = await ask("support");
    const bothSecond = await ask("support", both.sessionId);
    const unrated = await ask("support");
    await giveFeedback(master, liked, { rating: "up" });
    await giveFeedback(master, disliked, { rating: "down" });
    await giveFeedback(master, both, { rating: "up" });
    await giveFeedback(master, bothSecond, { rating: "down" });
    const ids = async (feedback?: "up" | "down" | "any" | "none") =>
      (await listSessions(master, "support", { limit: 20, ...(feedback ? { feedback } : {}) })).data
        .map((session) => session.id)
        .sort();
    const sorted = (...refs: AnswerRef[]) => refs.map((ref) => ref.sessionId).sort();

    expect(await ids("up")).toEqual(sorted(liked, both));
    expect(await ids("down")).toEqual(sorted(disliked, both));
    expect(await ids("any")).toEqual(sorted(liked, disliked, both));
    expect(await ids("none")).toEqual(sorted(unrated));
    expect(await ids()).toHaveLength(4);
    const page = await listSessions(master, "support", { limit: 1, feedback: "any" });
    expect(page.total).toBe(3);
  });
});
