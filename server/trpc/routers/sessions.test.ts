// The playground's thumbs through the sessions router: operators rate and withdraw (recorded as
// the console user), viewers may not, a long comment is BAD_REQUEST naming the field, and the
// console's session list filters by rating.
import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { askAssistant } from "@/server/services/runtime/ask-assistant";
import { createUserActor, master } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

let answer: { assistantId: string; sessionId: string; messageId: string };

beforeEach(async () => {
  await createChatAssistant("support");
  const asked = await askAssistant(
    master,
    "support",
    { message: "Hi", reasoning: false },
    AbortSignal.timeout(10_000),
  );
  answer = { assistantId: "support", sessionId: asked.session_id, messageId: asked.message_id };
});

test("an operator rates, comments and withdraws; the list filters by rating", async () => {
  const operator = await createUserActor("operator");
  const caller = callerFor(operator);
  const given = await caller.sessions.giveFeedback({
    ...answer,
    feedback: { rating: "down", comment: "Off topic" },
  });
  expect(given).toMatchObject({
    rating: "down",
    comment: "Off topic",
    given_by: { kind: "console_user", id: operator.userId },
  });
  const down = await caller.sessions.list({ assistantId: "support", query: { feedback: "down" } });
  expect(down.data.map((session) => session.id)).toEqual([answer.sessionId]);
  expect((await caller.sessions.list({ assistantId: "support", query: { feedback: "up" } })).total).toBe(0);

  await caller.sessions.withdrawFeedback(answer);
  expect((await caller.sessions.get(answer)).messages[1]?.feedback).toBeNull();
});

test("a viewer may not rate; a comment over 2000 characters is BAD_REQUEST", async () => {
  const viewer = callerFor(await createUserActor("viewer"));
  expect(
    (await rejectionOf<TRPCError>(viewer.sessions.giveFeedback({ ...answer, feedback: { rating: "up" } })))
      .code,
  ).toBe("FORBIDDEN");
  const long = await rejectionOf<TRPCError>(
    callerFor(master).sessions.giveFeedback({
      ...answer,
      feedback: { rating: "up", comment: "x".repeat(2001) },
    }),
  );
  expect(long.code).toBe("BAD_REQUEST");
  expect(long.message).toMatch(/comment/);
});
