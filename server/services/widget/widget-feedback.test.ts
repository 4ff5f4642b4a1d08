// A widget visitor's thumbs: only on the answers of their own conversation (another visitor's, or
// a conversation of the API, is refused alike, whether the message exists or not), never on a
// question; a resumed conversation shows the visitor's own ratings, not an operator's.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { master } from "../../test/actors";
import { collectEvents, createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { askAssistant } from "../runtime/ask-assistant";
import { runExchange } from "../runtime/exchange/run-exchange";
import { giveFeedback } from "../sessions/give-feedback";
import { authenticateWidget, type WidgetCaller } from "./authenticate-widget";
import { openWidget } from "./open-widget";
import { prepareWidgetExchange } from "./prepare-widget-exchange";
import { rateWidgetAnswer } from "./rate-widget-answer";
import { startWidgetSession } from "./start-widget-session";
import { updateWidget } from "./update-widget";

const SITE = "https://shop.example.com";
const HEARTH = "http://localhost:3000"; // HEARTH_PUBLIC_URL in the test environment
const clientAddress = "10.0.0.7";

async function visitor(): Promise<WidgetCaller> {
  const page = await openWidget("support", `${SITE}/`, clientAddress);
  if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
  return authenticateWidget("support", { token: page.token, origin: HEARTH, host: "localhost:3000" });
}

/** Asks as the visitor; the ids of the question and the answer. */
async function converse(caller: WidgetCaller): Promise<{ questionId: string; answerId: string }> {
  const prepared = await prepareWidgetExchange(caller, { message: "Returns?", clientAddress });
  const events = await collectEvents(
    runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
  );
  const created = events.find((event) => event.type === "response.created");
  if (created?.type !== "response.created") throw new Error("no response.created");
  const question = await getDb().message.findFirstOrThrow({
    where: { sessionId: created.session_id, role: "user" },
  });
  return { questionId: question.id, answerId: created.message_id };
}

beforeEach(async () => {
  await createChatAssistant("support");
  await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE] });
});

describe("rateWidgetAnswer", () => {
  test("a visitor rates and re-rates an answer of their conversation; the transcript shows it", async () => {
    const alice = await visitor();
    const { answerId } = await converse(alice);
    expect(
      await rateWidgetAnswer(alice, {
        message_id: answerId,
        rating: "down",
        comment: "Wrong shop",
        clientAddress,
      }),
    ).toEqual({ message_id: answerId, rating: "down", comment: "Wrong shop" });
    expect(await rateWidgetAnswer(alice, { message_id: answerId, rating: "up", clientAddress })).toEqual({
      message_id: answerId,
      rating: "up",
      comment: null,
    });
    const stored = await getDb().messageFeedback.findMany();
    expect(stored).toMatchObject([
      {
        messageId: answerId,
        rating: "up",
        giverKind: "widget_visitor",
        giverId: alice.actor.widgetSessionId,
      },
    ]);
    const { messages } = await startWidgetSession(alice, { clientAddress });
    expect(messages.map((message) => message.rating)).toEqual([null, "up"]);
  });

  test("another visitor's answer, an API conversation's and a missing one are refused alike", async () => {
    const alice = await visitor();
    const mallory = await visitor();
    const { answerId } = await converse(alice);
    await converse(mallory);
    const api = await askAssistant(
      master,
      "support",
      { message: "Hi", reasoning: false },
      AbortSignal.timeout(10_000),
    );
    for (const message_id of [answerId, api.message_id, "msg_missing"]) {
      const refusal = await rejectionOf<AppError>(
        rateWidgetAnswer(mallory, { message_id, rating: "down", clientAddress }),
      );
      expect(refusal.code).toBe("FORBIDDEN");
      expect(refusal.message).toBe("Only the answers of your own conversation can be rated");
    }
    expect(await getDb().messageFeedback.count()).toBe(0);
  });

  test("a question is not rated", async () => {
    const alice = await visitor();
    const { questionId } = await converse(alice);
    expect(
      (
        await rejectionOf<AppError>(
          rateWidgetAnswer(alice, { message_id: questionId, rating: "up", clientAddress }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
  });

  test("the transcript shows the visitor's own rating, not an operator's", async () => {
    const alice = await visitor();
    const { answerId } = await converse(alice);
    const session = await getDb().message.findUniqueOrThrow({ where: { id: answerId } });
    await giveFeedback(
      master,
      { assistantId: "support", sessionId: session.sessionId, messageId: answerId },
      {
        rating: "down",
      },
    );
    const { messages } = await startWidgetSession(alice, { clientAddress });
    expect(messages.at(-1)?.rating).toBeNull();
  });

  test("ratings are rate limited per address", async () => {
    await updateWidget(master, "support", { rate_per_minute_per_ip: 1 });
    const alice = await visitor();
    const { answerId } = await converse(alice);
    for (let i = 0; i < 3; i++)
      await rateWidgetAnswer(alice, { message_id: answerId, rating: "up", clientAddress });
    expect(
      (
        await rejectionOf<AppError>(
          rateWidgetAnswer(alice, { message_id: answerId, rating: "up", clientAddress }),
        )
      ).code,
    ).toBe("RATE_LIMITED");
  });
});
