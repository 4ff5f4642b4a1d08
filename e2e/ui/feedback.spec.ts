// Feedback on answers in the browser: an operator rates an answer in the playground (thumbs, then a
// comment; choosing the same thumb again withdraws it), the transcript shows the rating and its
// comment, and the Sessions page filters by it. A widget visitor rates an answer with the thumbs
// under it, and the rating is kept across a reload. Axe on the pages it changes.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant, sessionDetail } from "../support/runtime-api";

test.describe("feedback", () => {
  test("the playground's thumbs and comment, in the transcript and the Sessions filter", async ({
    page,
    api,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-feedback"), { name: "Rated", model: SIM_MODEL });
    await page.goto(`/console/assistants/${id}/playground`);
    await page.getByLabel("Message", { exact: true }).fill("What are your opening hours?");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const answer = page.getByRole("log", { name: "Conversation" }).getByRole("article", {
      name: "Assistant message",
    });
    const rating = answer.getByRole("group", { name: "Rate this answer" });
    await expect(rating).toBeVisible({ timeout: 20_000 });
    const notHelpful = rating.getByRole("button", { name: "Not helpful" });
    await expect(notHelpful).toHaveAttribute("aria-pressed", "false");

    await notHelpful.click();
    await expect(notHelpful).toHaveAttribute("aria-pressed", "true");
    await rating.getByRole("button", { name: "Add a comment" }).click();
    await answer.getByLabel("Comment on this answer").fill("It did not give the hours.");
    await answer.getByRole("button", { name: "Save comment" }).click();
    await expect(rating.getByRole("button", { name: "Edit comment" })).toBeVisible();
    await expect(answer.locator("p", { hasText: "Your comment:" })).toContainText(
      "It did not give the hours.",
    );
    await screenshot(page, testInfo, "playground-rated");
    await expectAccessible(page, testInfo, "playground-rated");

    const sessionId = new URL(page.url()).searchParams.get("session")!;
    const stored = await sessionDetail(api, id, sessionId);
    expect(stored.messages[1]?.feedback).toMatchObject({
      rating: "down",
      comment: "It did not give the hours.",
      given_by: { kind: "console_user" },
    });

    // The Sessions page: the filter finds it among the answers rated not helpful only.
    await page.goto(`/console/assistants/${id}/sessions`);
    const table = page.getByRole("table", { name: "Sessions" });
    const row = table.getByRole("link", { name: sessionId });
    await page.getByLabel("Feedback").selectOption("down");
    await expect(page).toHaveURL(/[?&]feedback=down/);
    await expect(row).toBeVisible();
    await page.getByLabel("Feedback").selectOption("up");
    await expect(page.getByText("No matching sessions")).toBeVisible();
    await page.getByLabel("Feedback").selectOption("");
    await expect(row).toBeVisible();
    await expectAccessible(page, testInfo, "sessions-feedback-filter");

    // The transcript: the verdict, who gave it, the comment.
    await row.click();
    const reply = page.getByRole("list", { name: "Messages" }).getByRole("article").nth(1);
    await expect(reply.locator("[data-feedback]")).toHaveAttribute("data-feedback", "down");
    await expect(reply).toContainText("Rated not helpful by a console user");
    await expect(reply).toContainText("It did not give the hours.");
    await screenshot(page, testInfo, "transcript-rated");

    // Back in the playground, the same thumb again withdraws the rating.
    await page.goto(`/console/assistants/${id}/playground?session=${sessionId}`);
    const reloaded = page
      .getByRole("log", { name: "Conversation" })
      .getByRole("article", { name: "Assistant message" })
      .getByRole("group", { name: "Rate this answer" });
    await expect(reloaded.getByRole("button", { name: "Not helpful" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await reloaded.getByRole("button", { name: "Not helpful" }).click();
    await expect(reloaded.getByRole("button", { name: "Not helpful" })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    expect((await sessionDetail(api, id, sessionId)).messages[1]?.feedback).toBeNull();
  });

  test("a widget visitor rates an answer; the rating is kept across a reload", async ({
    api,
    browser,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-widget-fb"), { name: "Shop", model: SIM_MODEL });
    const site = { snippet: "" };
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1>${site.snippet}</body></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const update = await api.post("/api/trpc/widget.update", {
        data: { json: { assistantId: id, changes: { enabled: true, allowed_origins: [origin] } } },
      });
      expect(update.status(), await update.text()).toBe(200);
      const widget = (await update.json()) as { result: { data: { json: { snippet: string } } } };
      site.snippet = widget.result.data.json.snippet;

      const visitor = await browser.newContext();
      const shop = await visitor.newPage();
      await shop.goto(origin);
      await shop.getByRole("button", { name: "Open chat" }).click();
      const chat = shop.frameLocator('iframe[data-hearth-widget="frame"]');
      await chat.getByLabel("Message").fill("Do you ship abroad?");
      await chat.getByRole("button", { name: "Send" }).click();
      const answer = chat.getByRole("article", { name: "Assistant message" }).last();
      const helpful = answer.getByRole("button", { name: "Helpful", exact: true });
      await expect(helpful).toBeVisible({ timeout: 20_000 });
      await helpful.click();
      await expect(helpful).toHaveAttribute("aria-pressed", "true");
      await answer.getByLabel("Tell us more (optional)").fill("Clear, thanks");
      await answer.getByRole("button", { name: "Send" }).click();
      await expect(answer.getByText("Thanks for your feedback.")).toBeVisible();
      await screenshot(shop, testInfo, "widget-rated");

      const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as {
        data: Array<{ id: string }>;
      };
      const detail = await sessionDetail(api, id, sessions.data[0]!.id);
      expect(detail.messages[1]?.feedback).toMatchObject({
        rating: "up",
        comment: "Clear, thanks",
        given_by: { kind: "widget_visitor", id: null },
      });

      await shop.reload();
      await shop.getByRole("button", { name: "Open chat" }).click();
      await expect(
        chat
          .getByRole("article", { name: "Assistant message" })
          .last()
          .getByRole("button", { name: "Helpful", exact: true }),
      ).toHaveAttribute("aria-pressed", "true");
      await visitor.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
