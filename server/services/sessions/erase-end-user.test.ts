// Erasing an end user (a privacy request): their sessions, messages and ratings with the assistant
// go, and their row, and nothing of anyone else's; a widget visitor's conversation counter too.
// Who may do it is who may delete a session. No backend is registered, so questions are answered by
// the retrieval-only engine (stored all the same).
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { createUserActor, keyActor, master } from "../../test/actors";
import { collectEvents, createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { runExchange } from "../runtime/exchange/run-exchange";
import { askAssistant } from "../runtime/ask-assistant";
import { authenticateWidget } from "../widget/authenticate-widget";
import { openWidget } from "../widget/open-widget";
import { prepareWidgetExchange } from "../widget/prepare-widget-exchange";
import { updateWidget } from "../widget/update-widget";
import { createSession } from "./create-session";
import { eraseEndUser } from "./erase-end-user";
import { giveFeedback } from "./give-feedback";

const ask = (assistantId: string, message: string, user?: string, session?: string) =>
  askAssistant(
    master,
    assistantId,
    { message, reasoning: false, ...(user ? { user } : {}), ...(session ? { session_id: session } : {}) },
    new AbortController().signal,
  );

async function held(assistantId: string, user: string) {
  const db = getDb();
  const where = { assistantId, endUser: { externalId: user } };
  return {
    endUser: await db.endUser.count({ where: { assistantId, externalId: user } }),
    sessions: await db.chatSession.count({ where }),
    messages: await db.message.count({ where: { session: where } }),
  };
}

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("eraseEndUser", () => {
  test("removes that user's sessions, messages, ratings and row with this assistant, nothing else", async () => {
    const first = await ask("support", "One", "alice");
    await ask("support", "Two", "alice", first.session_id);
    await ask("support", "Three", "alice");
    await createSession(master, "support", { user: "alice" });
    await giveFeedback(
      master,
      { assistantId: "support", sessionId: first.session_id, messageId: first.message_id },
      { rating: "up" },
    );
    await ask("support", "Hello", "bob");
    await ask("support", "Anonymous");
    await ask("sales", "Prices?", "alice");

    const erased = await eraseEndUser(master, "support", "alice");

    expect(erased).toEqual({
      id: "alice",
      object: "end_user.deleted",
      deleted: true,
      sessions: 3,
      messages: 6,
    });
    expect(await held("support", "alice")).toEqual({ endUser: 0, sessions: 0, messages: 0 });
    expect(await getDb().messageFeedback.count({ where: { sessionId: first.session_id } })).toBe(0);
    expect(await held("support", "bob")).toEqual({ endUser: 1, sessions: 1, messages: 2 });
    expect(await held("sales", "alice")).toEqual({ endUser: 1, sessions: 1, messages: 2 });
    expect(await getDb().chatSession.count({ where: { assistantId: "support" } })).toBe(2);
    const audit = await getDb().auditEvent.findFirst({ where: { action: "end_user.delete" } });
    expect(audit).toMatchObject({
      actor: "master_key",
      targetType: "end_user",
      targetId: "alice",
      changes: { before: { assistant_id: "support", sessions: 3, messages: 6 } },
    });
  });

  test("a second erasure, or a user the assistant never saw, is NOT_FOUND", async () => {
    await ask("support", "Hi", "alice");
    await eraseEndUser(master, "support", "alice");
    expect((await rejectionOf<AppError>(eraseEndUser(master, "support", "alice"))).code).toBe("NOT_FOUND");
    expect((await rejectionOf<AppError>(eraseEndUser(master, "support", "zoe"))).code).toBe("NOT_FOUND");
    expect((await rejectionOf<AppError>(eraseEndUser(master, "nobody", "alice"))).code).toBe("NOT_FOUND");
  });

  test("who may delete a session may erase a user; readers and other assistants' keys may not", async () => {
    await ask("support", "Hi", "alice");
    await ask("support", "Hi", "bob");
    const refused = async (actor: Parameters<typeof eraseEndUser>[0]) =>
      (await rejectionOf<AppError>(eraseEndUser(actor, "support", "alice"))).code;
    expect(await refused(await createUserActor("viewer"))).toBe("FORBIDDEN");
    expect(await refused(keyActor("runtime", ["sales"]))).toBe("FORBIDDEN");
    expect(await refused({ kind: "anonymous" })).toBe("UNAUTHORIZED");
    expect(await held("support", "alice")).toMatchObject({ endUser: 1, sessions: 1 });

    await eraseEndUser(keyActor("runtime", ["support"]), "support", "alice");
    await eraseEndUser(await createUserActor("operator"), "support", "bob");
    expect(await getDb().endUser.count()).toBe(0);
  });

  test("a widget visitor: their conversation and its rate-limit counter go; the address's stays", async () => {
    const site = "https://shop.example.com";
    await updateWidget(master, "support", { enabled: true, allowed_origins: [site] });
    const page = await openWidget("support", `${site}/help`, "10.0.0.9");
    if (page.status !== "ready") throw new Error(page.reason);
    const caller = await authenticateWidget("support", {
      token: page.token,
      origin: "http://localhost:3000",
      host: "localhost:3000",
    });
    const prepared = await prepareWidgetExchange(caller, {
      message: "Do you ship abroad?",
      clientAddress: "10.0.0.9",
    });
    await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );
    const visitor = `widget:${caller.actor.widgetSessionId}`;
    const counters = () =>
      getDb().rateLimitCounter.findMany({
        where: { scope: { startsWith: "widget-" } },
        select: { scope: true },
      });
    expect((await counters()).map((row) => row.scope)).toContain("widget-session");

    expect(await eraseEndUser(master, "support", visitor)).toMatchObject({ sessions: 1, messages: 2 });

    expect(await held("support", visitor)).toEqual({ endUser: 0, sessions: 0, messages: 0 });
    const scopes = (await counters()).map((row) => row.scope);
    expect(scopes).not.toContain("widget-session");
    expect(scopes).toContain("widget-ip");
  });
});
