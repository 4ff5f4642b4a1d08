// Searching conversations in the console: an operator types a word asked in one assistant's
// conversation, sees the passage with the word marked, narrows the search to questions and to an
// assistant, keeps the search in the address bar, and opens the transcript at the message found.
// Screenshots light and dark, and axe.
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { createAssistant } from "../support/runtime-api";

test("search finds a conversation by its words and opens it at the message", async ({
  api,
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const id = await createAssistant(api, newUniqueId("ui-search"), { name: "Parcel desk" });
  const word = `quokka${Date.now().toString(36)}`;
  const asked = await api.post(`/assistants/${id}/ask`, {
    data: { message: `My ${word} parcels never arrived, what now?`, user: "dora@example.com" },
  });
  expect(asked.status(), await asked.text()).toBe(200);
  const { session_id: sessionId } = (await asked.json()) as { session_id: string };

  await page.goto("/console");
  await page
    .getByRole("navigation", { name: "Main" })
    .first()
    .getByRole("link", { name: "Conversations" })
    .click();
  await expect(page).toHaveURL(/\/console\/conversations$/);
  await expect(page.getByRole("heading", { name: "Search the conversations" })).toBeVisible();

  await page.getByLabel("Words to look for").fill(`${word} parcel`);
  const results = page.getByRole("list", { name: "Search results" }).getByRole("listitem");
  // The question and the simulator's answer, which repeats it.
  await expect(results).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}\\+parcel`));
  await page.getByLabel("In", { exact: true }).selectOption("user");
  await expect(results).toHaveCount(1);
  const result = results.first();
  await expect(result).toContainText("Parcel desk");
  await expect(result).toContainText("Question");
  await expect(result).toContainText("dora@example.com");
  await expect(result.locator("mark")).toHaveText([word, "parcels"]);
  await page.getByLabel("Assistant", { exact: true }).selectOption(id);
  await expect(results).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`assistant=${id}`));
  await screenshot(page, testInfo, "conversation-search");
  await expectAccessible(page, testInfo, "conversation-search");

  // Nothing found says so, and offers to clear the filters.
  await page.getByLabel("Channel").selectOption("widget");
  await expect(page.getByRole("heading", { name: "Nothing found" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(results).toHaveCount(2);

  // A reload keeps the search; the result opens the transcript at its message.
  await page.getByLabel("In", { exact: true }).selectOption("user");
  await page.reload();
  await expect(page.getByLabel("Words to look for")).toHaveValue(`${word} parcel`);
  await expect(results).toHaveCount(1);
  await results
    .first()
    .getByRole("link", { name: /Open the conversation/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/sessions/${sessionId}#message-`));
  await expect(
    page.getByRole("list", { name: "Messages" }).getByRole("article", { name: "User" }),
  ).toContainText(`My ${word} parcels never arrived`);
});
