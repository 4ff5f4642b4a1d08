// Knowledge in the console: an operator uploads a document on an assistant's Knowledge tab and
// watches it become ready, tries the search tester, asks in the playground and opens the cited
// passage, turns the assistant to knowledge-only and sees an off-topic question refused, then
// deletes the file. Also: an assistant created from files in one step, and a bad upload's message.
// Screenshots and axe on the pages it visits.
import type { Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";

const HANDBOOK = `# Employee handbook

## Holidays
Every employee gets 27 days of paid holiday a year, plus public holidays.

## Equipment
The product code for the docking station is XJ-9000.
`;

function knowledge(page: Page) {
  return {
    uploadInput: page.getByLabel("Upload files"),
    files: page.getByRole("table", { name: "Files" }),
    stores: page.getByRole("table", { name: "Vector stores" }),
    search: page.getByRole("form", { name: "Search" }),
    results: page.getByRole("list", { name: "Search results" }),
  };
}

test.describe("knowledge", () => {
  test("upload, search, a cited answer, a refusal, and deletion", async ({ page, api }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-kb"), {
      name: "Handbook helper",
      model: SIM_MODEL,
    });
    const ui = knowledge(page);
    await page.goto(`/console/assistants/${id}`);
    await page.getByRole("link", { name: "Knowledge" }).click();
    await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/knowledge$`));
    await expect(page.getByText("No files yet")).toBeVisible();

    await ui.uploadInput.setInputFiles({
      name: "handbook.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(HANDBOOK),
    });
    const row = ui.files.getByRole("row").filter({ hasText: "handbook.md" });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Ready")).toBeVisible({ timeout: 30_000 });
    await expect(ui.stores.getByText("Default", { exact: true }).first()).toBeVisible();
    await screenshot(page, testInfo, "knowledge");
    await expectAccessible(page, testInfo, "knowledge");

    // The search tester finds the passage and shows its score.
    await ui.search.getByLabel("Query").fill("docking station product code");
    await ui.search.getByRole("button", { name: "Search" }).click();
    await expect(ui.results.getByRole("listitem").first()).toContainText("XJ-9000");
    await expect(ui.results.getByRole("listitem").first()).toContainText(/Score \d\.\d\d/);
    await screenshot(page, testInfo, "knowledge-search");

    // The playground: the answer cites the handbook; the source opens the passage.
    await page.goto(`/console/assistants/${id}/playground`);
    await page.getByLabel("Message", { exact: true }).fill("How many days of paid holiday do I get?");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const answer = page
      .getByRole("log", { name: "Conversation" })
      .getByRole("article", { name: "Assistant message" })
      .last();
    const sources = answer.getByRole("list", { name: "Sources" });
    await expect(sources.getByRole("button").first()).toContainText("handbook.md", { timeout: 20_000 });
    await sources.getByRole("button").first().click();
    const passage = page.getByRole("dialog", { name: /Passage from handbook\.md/ });
    await expect(passage).toContainText("27 days of paid holiday");
    await screenshot(page, testInfo, "playground-citation");
    await passage.getByRole("button", { name: "Close" }).click();
    await expect(passage).toBeHidden();

    // Knowledge-only: an off-topic question is refused without the model.
    const update = await api.post(`/admin/assistants/${id}`, {
      data: { rag: { mode: "knowledge_only", refusal_message: "I can only help with the handbook." } },
    });
    expect(update.status()).toBe(200);
    await page.getByLabel("Message", { exact: true }).fill("Write a poem about the sea");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const refusal = page
      .getByRole("log", { name: "Conversation" })
      .getByRole("article", { name: "Assistant message" })
      .last();
    await expect(refusal.locator("[data-answer-text]")).toHaveText("I can only help with the handbook.", {
      timeout: 20_000,
    });
    await expect(refusal).toContainText("refused");
    await screenshot(page, testInfo, "playground-refusal");

    // Deleting the file empties the Knowledge tab.
    await page.goto(`/console/assistants/${id}/knowledge`);
    await ui.files.getByRole("button", { name: "Delete file handbook.md" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("No files yet")).toBeVisible();
  });

  test("an unsupported file shows the server's reason; another origin cannot use the cookie", async ({
    page,
    api,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-kb"), { model: SIM_MODEL });
    await page.goto(`/console/assistants/${id}/knowledge`);
    await page.getByLabel("Upload files").setInputFiles({
      name: "photo.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000", "hex"),
    });
    const alert = page.getByRole("alert").filter({ hasText: "photo.pdf was not uploaded" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("File 'photo.pdf'");
    await screenshot(page, testInfo, "knowledge-upload-error");

    // The console's cookie does not authorize an upload posted from another origin.
    const form = new FormData();
    form.append("file", new Blob(["# Notes\n\nhello"]), "notes.md");
    const crossOrigin = await page.request.post(`/assistants/${id}/files`, {
      multipart: form,
      headers: { origin: "http://intranet.example" },
    });
    expect(crossOrigin.status()).toBe(403);
    const sameOrigin = await page.request.post(`/assistants/${id}/files`, { multipart: form });
    expect(sameOrigin.status()).toBe(201);
  });

  test("an assistant made from files in one step", async ({ page }, testInfo) => {
    await page.goto("/console/assistants/new");
    await page.getByRole("tab", { name: "Create from files" }).click();
    const form = page.getByRole("form", { name: "Create from files" });
    await form.getByLabel("Upload files").setInputFiles({
      name: "travel-policy.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("# Travel policy\n\nTrain travel is first class for journeys over four hours."),
    });
    await expect(page.getByRole("list", { name: "Selected files" })).toContainText("travel-policy.md");
    await screenshot(page, testInfo, "create-from-files");
    await form.getByRole("button", { name: "Create assistant" }).click();
    await expect(page).toHaveURL(/\/console\/assistants\/travel-policy(-\d+)?\/knowledge$/, {
      timeout: 20_000,
    });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Travel policy");
    await expect(
      page
        .getByRole("table", { name: "Files" })
        .getByRole("row")
        .filter({ hasText: "travel-policy.md" })
        .getByText("Ready"),
    ).toBeVisible({ timeout: 30_000 });
  });
});
