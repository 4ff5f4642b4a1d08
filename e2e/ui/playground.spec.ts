// The chat runtime in the console: an operator chats with an assistant in the playground (the
// answer streams in, its details name the model and backend, the session continues), reads the
// session back on the Sessions page and its transcript; stops a slow answer (the generation is
// cancelled upstream, the transcript says Cancelled); shows the model's reasoning; runs with its own
// settings, copies, regenerates and edits a question; meets a disabled assistant; and a viewer is
// refused the playground. Screenshots and axe on the pages it visits.
import { writeFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot, signIn } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant, sessionDetail } from "../support/runtime-api";
import { startSimulatedBackend } from "../support/simulated-backend";

/** The playground's controls and conversation, by their accessible names. */
function playground(page: Page) {
  const log = page.getByRole("log", { name: "Conversation" });
  return {
    message: page.getByLabel("Message", { exact: true }),
    send: page.getByRole("button", { name: "Send", exact: true }),
    stop: page.getByRole("button", { name: "Stop", exact: true }),
    showReasoning: page.getByRole("checkbox", { name: "Show reasoning" }),
    log,
    questions: log.getByRole("article", { name: "Your message" }),
    answers: log.getByRole("article", { name: "Assistant message" }),
    sessions: page.getByRole("list", { name: "Sessions" }),
  };
}

/** The value shown for a term of an answer's details ("Model", "Backend", "Total"...). */
function detail(message: Locator, term: string): Locator {
  return message
    .locator("dt")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

/** Waits until an answer has finished: not busy, its details complete. */
async function expectFinished(answer: Locator) {
  await expect(detail(answer, "Total")).toBeVisible({ timeout: 20_000 });
  await expect(answer).not.toHaveAttribute("aria-busy");
}

/** The session id the playground keeps in the address bar once the first answer started. */
async function sessionIdOf(page: Page): Promise<string> {
  await expect(page).toHaveURL(/[?&]session=/);
  return new URL(page.url()).searchParams.get("session")!;
}

type Snapshot = { busy: boolean; length: number };

/**
 * Records every state of the last answer as the page renders it (busy, length of its text), from
 * inside the page: the shared simulator answers in a fraction of a second, too fast to sample
 * from the test process, but each rendered step is seen here (and kept as an artifact).
 */
async function recordAnswer(page: Page) {
  await page.evaluate(() => {
    const log = document.querySelector('[role="log"][aria-label="Conversation"]')!;
    const snapshots: Snapshot[] = [];
    (window as unknown as { answerSnapshots: Snapshot[] }).answerSnapshots = snapshots;
    const observe = () => {
      const answers = log.querySelectorAll('article[aria-label="Assistant message"]');
      const last = answers[answers.length - 1];
      if (!last) return;
      const snapshot = {
        busy: last.getAttribute("aria-busy") === "true",
        length: last.querySelector("[data-answer-text]")?.textContent?.length ?? 0,
      };
      const previous = snapshots[snapshots.length - 1];
      if (!previous || previous.busy !== snapshot.busy || previous.length !== snapshot.length) {
        snapshots.push(snapshot);
      }
    };
    new MutationObserver(observe).observe(log, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-busy"],
    });
  });
  return () => page.evaluate(() => (window as unknown as { answerSnapshots: Snapshot[] }).answerSnapshots);
}

test.describe("playground", () => {
  test("an operator chats, the answer streams in, and the session reads back in Sessions", async ({
    page,
    api,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-chat"), {
      name: "Playground journey",
      model: SIM_MODEL,
    });
    const ui = playground(page);
    await page.goto(`/console/assistants/${id}/playground`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Playground journey");
    await expect(page.getByText("No sessions yet. Send a message to start one.")).toBeVisible();
    await expect(ui.send).toBeDisabled();

    // First question: the answer streams in.
    const snapshots = await recordAnswer(page);
    const first = "What is the capital of France?";
    await ui.message.fill(first);
    await ui.send.click();
    await expect(ui.questions).toHaveCount(1);
    await expect(ui.questions.first().locator("[data-question-text]")).toHaveText(first);
    const answer = ui.answers.last();
    await expectFinished(answer);
    const answerText = answer.locator("[data-answer-text]");
    await expect(answerText).toHaveText(/^Simulated answer to: What is the capital of France\?/);

    const seen = await snapshots();
    writeFileSync(testInfo.outputPath("answer-steps.json"), JSON.stringify(seen));
    await testInfo.attach("answer-steps", { path: testInfo.outputPath("answer-steps.json") });
    const final = (await answerText.textContent())!.length;
    // Busy from the moment it was sent (waiting, no text yet), the text only growing, and no
    // longer busy once it is whole. (The shared simulator streams 30 tokens in about 100 ms, so
    // how many steps the page renders depends on the machine's load; the Stop test, on a slow
    // model, is the one that watches the text grow step by step.)
    expect(seen[0], "busy from the start").toEqual({ busy: true, length: 0 });
    const lengths = seen.map((step) => step.length);
    expect(lengths, "the text only grows").toEqual([...lengths].sort((a, b) => a - b));
    expect(
      seen.filter((step) => !step.busy),
      "busy until whole",
    ).toEqual([{ busy: false, length: final }]);
    expect(seen.at(-1)).toEqual({ busy: false, length: final });

    await expect(detail(answer, "Model")).toHaveText(SIM_MODEL);
    await expect(detail(answer, "Backend")).toHaveText("env-llm");
    await expect(detail(answer, "First token")).toHaveText(/^\d+(\.\d+)? m?s$/);
    await expect(detail(answer, "Tokens")).toHaveText(/^\d+ in · \d+ out · \d+ total$/);
    await expect(answer.getByRole("alert")).toHaveCount(0);

    const sessionId = await sessionIdOf(page);
    await expect(page.getByText(`Session ${sessionId}`)).toBeVisible();
    await expect(ui.sessions.getByRole("listitem")).toHaveCount(1);
    await expect(ui.sessions.getByRole("listitem").first()).toContainText("2 messages");
    await expect(ui.sessions.getByRole("listitem").first()).toContainText(first);
    await screenshot(page, testInfo, "playground-answer");
    await expectAccessible(page, testInfo, "playground");

    // Second question, sent with Enter: the same session goes on.
    const second = "And of Italy?";
    await ui.message.fill(second);
    await ui.message.press("Enter");
    await expect(ui.answers).toHaveCount(2);
    await expectFinished(ui.answers.last());
    await expect(ui.answers.last().locator("[data-answer-text]")).toHaveText(
      /^Simulated answer to: And of Italy\?/,
    );
    expect(await sessionIdOf(page)).toBe(sessionId);
    await expect(ui.sessions.getByRole("listitem")).toHaveCount(1);
    await expect(ui.sessions.getByRole("listitem").first()).toContainText("4 messages");
    await expect(ui.sessions.getByRole("button").first()).toHaveAttribute("aria-current", "true");
    await screenshot(page, testInfo, "playground-two-answers");

    // Sessions: the one session, with its 4 messages.
    await page.getByRole("link", { name: "All sessions" }).click();
    await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/sessions$`));
    await expect(page.getByRole("tab", { name: "Sessions" })).toHaveAttribute("aria-selected", "true");
    const table = page.getByRole("table", { name: "Sessions" });
    const rows = table.getByRole("row").filter({ has: page.getByRole("link", { name: sessionId }) });
    await expect(rows).toHaveCount(1);
    // Named by its first question, from the playground, answered, 4 messages, with its tokens.
    await expect(rows.getByRole("link", { name: sessionId })).toContainText(first);
    const cells = rows.getByRole("cell");
    await expect(cells.nth(1)).toHaveText("Playground");
    await expect(cells.nth(3)).toHaveText("Answered");
    await expect(cells.nth(4)).toHaveText("4");
    await expect(cells.nth(5)).toHaveText(/^\d+(\.\d)?K?$/);
    // The channel filter: none from the widget, and the choice stays in the address bar.
    await page.getByLabel("Channel").selectOption("widget");
    await expect(page).toHaveURL(/[?&]channel=widget/);
    await expect(page.getByText("No matching sessions")).toBeVisible();
    await page.getByLabel("Channel").selectOption("");
    await expect(rows).toHaveCount(1);
    await screenshot(page, testInfo, "sessions");
    await expectAccessible(page, testInfo, "sessions");
    // The playground names no end user, so there is none.
    await page.getByRole("tab", { name: "End users" }).click();
    await expect(page.getByText("No end users yet")).toBeVisible();
    await page.getByRole("tab", { name: "Sessions" }).click();

    // The transcript: question, answer, question, answer, all completed.
    await table.getByRole("link", { name: sessionId }).click();
    await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/sessions/${sessionId}$`));
    const messages = page.getByRole("list", { name: "Messages" }).getByRole("article");
    await expect(messages).toHaveCount(4);
    const names = await messages.evaluateAll((articles) =>
      articles.map(
        (article) => document.getElementById(article.getAttribute("aria-labelledby")!)!.textContent,
      ),
    );
    expect(names).toEqual(["User", "Assistant", "User", "Assistant"]);
    for (const message of await messages.all()) {
      await expect(message.getByText("Completed", { exact: true })).toBeVisible();
    }
    await expect(messages.nth(0)).toContainText(first);
    await expect(messages.nth(2)).toContainText(second);
    const storedAnswer = page.getByRole("article", { name: "Assistant", exact: true }).first();
    await expect(storedAnswer).toContainText("Simulated answer to: What is the capital of France?");
    await expect(detail(storedAnswer, "Model")).toHaveText(SIM_MODEL);
    await expect(detail(storedAnswer, "Backend")).toHaveText("env-llm");
    await screenshot(page, testInfo, "transcript");
    await expectAccessible(page, testInfo, "transcript");

    // And back to the playground, where the conversation continues.
    await page.getByRole("link", { name: "Continue in playground" }).click();
    await expect(ui.log.getByRole("article")).toHaveCount(4);
    // (The text of the question itself: the message also offers to edit it.)
    await expect(ui.questions.last().locator("[data-question-text]")).toHaveText(second);
    expect(await sessionIdOf(page)).toBe(sessionId);
  });

  test("run settings, copy, regenerate, and edit-and-resend", async ({ page, api }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-rerun"), { name: "Ask again", model: SIM_MODEL });
    const ui = playground(page);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`/console/assistants/${id}/playground`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Ask again");

    // Run settings: start from the assistant's own, refuse a bad value, then a short low-effort run.
    const toggle = page.getByRole("button", { name: /^Run settings/ });
    const settings = page.getByRole("region", { name: "Run settings" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const temperature = settings.getByLabel("Temperature");
    const effort = settings.getByLabel("Reasoning effort");
    const maxTokens = settings.getByLabel("Max output tokens");
    await expect(temperature).toHaveValue("");
    await expect(effort).toHaveValue("medium");
    await expect(maxTokens).toHaveValue("");
    await expect(settings.getByRole("button", { name: "Reset to the assistant's" })).toBeDisabled();
    await maxTokens.fill("0");
    await expect(settings.getByText("A whole number from 1 to 131,072")).toBeVisible();
    await expect(maxTokens).toHaveAttribute("aria-invalid", "true");
    await expect(toggle).toContainText("Invalid");
    await ui.message.fill("Tell me about tides");
    await expect(ui.send).toBeDisabled();
    await expect(page.getByText("Fix the run settings to send")).toBeVisible();
    await maxTokens.fill("20");
    await effort.selectOption("low");
    await temperature.fill("0.3");
    await expect(toggle).toContainText("Changed");
    await screenshot(page, testInfo, "playground-run-settings");
    await expectAccessible(page, testInfo, "playground-run-settings");

    // Low effort reasons for 16 tokens: 20 leave 4 for the answer, which is cut.
    await ui.send.click();
    const cut = ui.answers.first();
    await expectFinished(cut);
    await expect(detail(cut, "Ended")).toHaveText("max output tokens reached");
    await expect(detail(cut, "Tokens")).toHaveText(/^\d+ in · 20 out · \d+ total$/);
    // Only the answer had them: the assistant's own settings are as they were.
    const stored = (await (await api.get(`/admin/assistants/${id}`)).json()) as {
      generation: Record<string, unknown>;
    };
    expect(stored.generation).toMatchObject({
      temperature: null,
      max_output_tokens: null,
      reasoning_effort: "medium",
    });

    // Reset: the next answer has the assistant's settings again, and is whole.
    await settings.getByRole("button", { name: "Reset to the assistant's" }).click();
    await expect(maxTokens).toHaveValue("");
    await expect(effort).toHaveValue("medium");
    await expect(toggle).not.toContainText("Changed");
    await toggle.click();
    await expect(settings).toHaveCount(0);
    await ui.message.fill("And about waves?");
    await ui.send.click();
    await expect(ui.answers).toHaveCount(2);
    const whole = ui.answers.nth(1);
    await expectFinished(whole);
    await expect(detail(whole, "Ended")).toHaveCount(0);
    const wholeText = whole.locator("[data-answer-text]");
    await expect(wholeText).toHaveText(/^Simulated answer to: And about waves\?/);

    // Copy: the answer's text goes to the clipboard.
    await whole.getByRole("button", { name: "Copy" }).click();
    await expect(whole.getByText("Copied to the clipboard")).toBeAttached();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await wholeText.textContent());
    await expect(cut.getByRole("button", { name: "Copy" })).toBeVisible();

    // Regenerate: only the last answer offers it; it replaces that answer, in the same session.
    const sessionId = await sessionIdOf(page);
    const before = await sessionDetail(api, id, sessionId);
    await expect(ui.log.getByRole("button", { name: "Regenerate" })).toHaveCount(1);
    await expect(cut.getByRole("button", { name: "Regenerate" })).toHaveCount(0);
    await whole.getByRole("button", { name: "Regenerate" }).click();
    await expect(ui.answers).toHaveCount(2);
    await expect(ui.questions).toHaveCount(2);
    await expectFinished(ui.answers.last());
    await expect(ui.answers.last().locator("[data-answer-text]")).toHaveText(
      /^Simulated answer to: And about waves\?/,
    );
    expect(await sessionIdOf(page)).toBe(sessionId);
    await expect
      .poll(async () => (await sessionDetail(api, id, sessionId)).messages.map((message) => message.id))
      .not.toEqual(before.messages.map((message) => message.id));
    const regenerated = await sessionDetail(api, id, sessionId);
    expect(regenerated.message_count).toBe(4);
    expect(regenerated.messages.slice(0, 2)).toEqual(before.messages.slice(0, 2));
    expect(regenerated.messages[2]!.content).toBe("And about waves?");
    expect(regenerated.messages[2]!.id).not.toBe(before.messages[2]!.id);

    // Edit the first question and resend: what followed it is replaced by the new answer.
    await ui.questions.first().getByRole("button", { name: "Edit" }).click();
    const editor = ui.questions.first().getByLabel("Edit your question");
    await expect(editor).toHaveValue("Tell me about tides");
    await expect(ui.questions.first()).toContainText(
      "Resending replaces this question and everything after it.",
    );
    await screenshot(page, testInfo, "playground-edit-question");
    await expectAccessible(page, testInfo, "playground-edit-question");
    await editor.fill("Tell me about the moon");
    await ui.questions.first().getByRole("button", { name: "Resend" }).click();
    await expect(ui.questions).toHaveCount(1);
    await expect(ui.questions.first()).toContainText("Tell me about the moon");
    await expect(ui.answers).toHaveCount(1);
    await expectFinished(ui.answers.last());
    await expect(ui.answers.last().locator("[data-answer-text]")).toHaveText(
      /^Simulated answer to: Tell me about the moon/,
    );
    await expect(ui.sessions.getByRole("listitem").first()).toContainText("2 messages");
    const edited = await sessionDetail(api, id, sessionId);
    expect(edited.messages.map((message) => [message.role, message.content.slice(0, 22)])).toEqual([
      ["user", "Tell me about the moon"],
      ["assistant", "Simulated answer to: T"],
    ]);
    await screenshot(page, testInfo, "playground-edited");
    await expectAccessible(page, testInfo, "playground-edited");
  });

  test("Stop cuts a streaming answer short and cancels the generation upstream", async ({
    page,
    api,
  }, testInfo) => {
    // A slow model of its own: a 200-token answer at 5 tokens a second, 40 s unless stopped.
    const slow = await startSimulatedBackend(api, newUniqueId("ui-slow"), {
      ttftMs: 100,
      tokensPerSecond: 5,
      answerTokens: 200,
      reasoningTokens: { low: 1, medium: 1, high: 1 },
    });
    try {
      const id = await createAssistant(api, newUniqueId("ui-stop"), { model: slow.model });
      const ui = playground(page);
      await page.goto(`/console/assistants/${id}/playground`);
      await ui.message.fill("Tell me a very long story");
      await ui.send.click();

      const answer = ui.answers.last();
      const answerText = answer.locator("[data-answer-text]");
      await expect(ui.stop).toBeVisible();
      await expect(ui.send).toHaveCount(0);
      await expect(answer).toHaveAttribute("aria-busy", "true");
      // The text grows while we watch: longer at each of three looks.
      const length = async () => ((await answerText.count()) ? (await answerText.textContent())!.length : 0);
      let previous = 0;
      for (let step = 0; step < 3; step += 1) {
        const before = previous;
        await expect.poll(async () => (previous = await length())).toBeGreaterThan(before);
      }
      await screenshot(page, testInfo, "playground-streaming");

      const before = slow.sim.stats();
      expect(before).toMatchObject({ running: 1, completed: 0 });
      await ui.stop.click();
      await expect(answer.getByText("Stopped", { exact: true })).toBeVisible();
      await expect(answer).toContainText("You stopped this answer");
      await expect(answer).not.toHaveAttribute("aria-busy");
      await expect(ui.stop).toHaveCount(0);
      await expect(ui.send).toBeVisible();
      await expect(ui.message).toBeFocused();
      // What had arrived stays.
      expect((await answerText.textContent())!.length).toBeGreaterThanOrEqual(previous);
      // The browser hung up; the server cancelled the generation on the model server.
      await expect.poll(() => slow.sim.stats().aborted, { timeout: 5_000 }).toBe(before.aborted + 1);
      expect(slow.sim.stats()).toMatchObject({ running: 0, completed: 0 });
      await screenshot(page, testInfo, "playground-stopped");

      // The session goes on; Escape stops the next answer too.
      const sessionId = await sessionIdOf(page);
      await ui.message.fill("A shorter one, please");
      await ui.message.press("Enter");
      await expect(ui.answers).toHaveCount(2);
      await expect(ui.answers.last().locator("[data-answer-text]")).toBeVisible({ timeout: 10_000 });
      await ui.message.press("Escape");
      await expect(ui.answers.last().getByText("Stopped", { exact: true })).toBeVisible();
      await expect.poll(() => slow.sim.stats().aborted, { timeout: 5_000 }).toBe(before.aborted + 2);
      expect(await sessionIdOf(page)).toBe(sessionId);

      // Both answers are stored cancelled (recorded once the server has seen the hang-up).
      await expect
        .poll(async () => (await sessionDetail(api, id, sessionId)).messages.map((m) => m.status))
        .toEqual(["completed", "cancelled", "completed", "cancelled"]);
      await page.goto(`/console/assistants/${id}/sessions/${sessionId}`);
      const stored = page.getByRole("article", { name: "Assistant", exact: true });
      await expect(stored).toHaveCount(2);
      for (const message of await stored.all()) {
        await expect(message.getByText("Cancelled", { exact: true })).toBeVisible();
        await expect(message.getByText("Code CANCELLED")).toBeVisible();
      }
      await expect(stored.first()).toContainText("Simulated answer to:");
      await expect(page.getByRole("article", { name: "User", exact: true }).first()).toContainText(
        "Completed",
      );
      await screenshot(page, testInfo, "transcript-cancelled");
    } finally {
      await slow.stop();
    }
  });

  test("Show reasoning reveals the model's reasoning, folded in a toggle", async ({
    page,
    api,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-reason"), { model: SIM_MODEL });
    const ui = playground(page);
    await page.goto(`/console/assistants/${id}/playground`);
    await expect(ui.showReasoning).not.toBeChecked();
    await ui.showReasoning.check();
    await ui.message.fill("Why is the sky blue?");
    await ui.send.click();
    const answer = ui.answers.last();
    await expectFinished(answer);

    const toggle = answer.getByRole("button", { name: "Reasoning", exact: true });
    await expect(toggle).toBeVisible();
    const panel = page.locator(`[id="${await toggle.getAttribute("aria-controls")}"]`);
    // Open while it streamed; fold it, then unfold it.
    if ((await toggle.getAttribute("aria-expanded")) === "true") {
      await toggle.click();
    }
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(panel).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(panel).toBeVisible();
    await expect(panel).toHaveText(/^Simulated reasoning .*about: Why is the sky blue\?/);
    await expect(answer.locator("[data-answer-text]")).toHaveText(
      /^Simulated answer to: Why is the sky blue\?/,
    );
    await screenshot(page, testInfo, "playground-reasoning");

    // The checkbox only shows or hides it.
    await ui.showReasoning.uncheck();
    await expect(toggle).toHaveCount(0);
    await ui.showReasoning.check();
    await expect(toggle).toBeVisible();

    // The transcript keeps it, folded.
    const sessionId = await sessionIdOf(page);
    await page.goto(`/console/assistants/${id}/sessions/${sessionId}`);
    const stored = page.getByRole("article", { name: "Assistant", exact: true });
    const storedToggle = stored.getByRole("button", { name: "Reasoning", exact: true });
    await expect(storedToggle).toHaveAttribute("aria-expanded", "false");
    await storedToggle.click();
    await expect(stored).toContainText(/Simulated reasoning .*about: Why is the sky blue\?/);
  });

  test("a transcript shows the functions the model called (an OpenAI-compatible request with tools)", async ({
    page,
    api,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-tools"), { model: SIM_MODEL });
    const response = await api.post("/v1/chat/completions", {
      data: {
        model: id,
        messages: [{ role: "user", content: "Use get_weather with city=Oslo" }],
        tools: [
          {
            type: "function",
            function: {
              name: "get_weather",
              parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            },
          },
        ],
      },
    });
    expect(response.status(), await response.text()).toBe(200);
    const { hearth } = (await response.json()) as { hearth: { session_id: string } };

    await page.goto(`/console/assistants/${id}/sessions/${hearth.session_id}`);
    const stored = page.getByRole("article", { name: "Assistant", exact: true });
    await expect(stored.getByText("Called a function")).toBeVisible();
    await expect(stored.getByRole("listitem")).toHaveText('get_weather({"city":"Oslo"})');
    await expect(stored.getByText("(no text)")).toHaveCount(0);
    await screenshot(page, testInfo, "transcript-tool-calls");
    await expectAccessible(page, testInfo, "transcript-tool-calls");
  });

  test("a disabled assistant says so and refuses the message; enabled again, it answers", async ({
    page,
    api,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-disabled"), {
      name: "Switched off",
      model: SIM_MODEL,
    });
    const ui = playground(page);
    await page.goto(`/console/assistants/${id}/playground`);
    await expect(ui.message).toBeVisible();
    const note = page.getByRole("note").filter({ hasText: "This assistant is disabled" });
    await expect(note).toHaveCount(0);

    // Disabled behind the page's back: the message is refused with the server's code.
    expect((await api.post(`/admin/assistants/${id}/disable`)).status()).toBe(200);
    await ui.message.fill("Are you there?");
    await ui.send.click();
    const answer = ui.answers.last();
    const alert = answer.getByRole("alert");
    await expect(alert).toContainText("This assistant is disabled");
    await expect(alert).toContainText("Code ASSISTANT_DISABLED");
    await expect(answer.getByText("Failed", { exact: true })).toBeVisible();
    await expect(answer).not.toHaveAttribute("aria-busy");
    // The page learns it too: its header and the note follow the refusal.
    await expect(note).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled");
    await screenshot(page, testInfo, "playground-disabled-error");

    // Loaded again, the page says so before anyone types, and offers to enable it.
    await page.reload();
    await expect(ui.answers).toHaveCount(0);
    await expect(note).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled");
    await screenshot(page, testInfo, "playground-disabled");
    await note.getByRole("button", { name: "Enable" }).click();
    await expect(note).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Enabled");
    expect(((await (await api.get(`/admin/assistants/${id}`)).json()) as { enabled: boolean }).enabled).toBe(
      true,
    );
    await ui.message.fill("Are you there now?");
    await ui.send.click();
    await expectFinished(ui.answers.last());
    await expect(ui.answers.last().locator("[data-answer-text]")).toHaveText(
      /^Simulated answer to: Are you there now\?/,
    );
  });

  test("a viewer is refused the playground, and the server refuses the viewer's chat", async ({
    page,
    api,
    browser,
  }) => {
    const id = await createAssistant(api, newUniqueId("ui-viewer"), { model: SIM_MODEL });
    const viewer = {
      name: "Val Viewer",
      email: `${newUniqueId("viewer")}@example.com`,
      password: "viewer-pass-12345",
    };
    // Created by the signed-in admin through the console's own API.
    const created = await page.request.post("/api/trpc/users.create", {
      data: { json: { ...viewer, role: "viewer" } },
    });
    expect(created.status(), await created.text()).toBe(200);

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const viewerPage = await context.newPage();
    await signIn(viewerPage, viewer.email, viewer.password);
    await viewerPage.goto(`/console/assistants/${id}/playground`);
    await expect(viewerPage.getByRole("heading", { name: "Viewers cannot chat" })).toBeVisible();
    await expect(viewerPage.getByLabel("Message", { exact: true })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Send", exact: true })).toHaveCount(0);

    const refused = await viewerPage.request.post(`/assistants/${id}/stream`, { data: { message: "Hi" } });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");

    await viewerPage.getByRole("link", { name: "Read sessions" }).click();
    await expect(viewerPage).toHaveURL(new RegExp(`/console/assistants/${id}/sessions$`));
    await expect(viewerPage.getByText("No sessions yet")).toBeVisible();
    // Nothing offers the viewer the playground from here either.
    await expect(viewerPage.getByRole("link", { name: "Open the playground" })).toHaveCount(0);
    await context.close();
  });
});
