// Nothing lost by accident: with unsaved edits in an assistant's form, a link to another console
// page, and Back, ask first in the console's dialog (stay keeps the edit, leave goes); a reload or a
// close gets the browser's beforeunload prompt. An untouched or saved form lets the user go at once.
// Chromium shows beforeunload only after a user gesture on the page: the edits are made by clicking
// into the field and typing. Screenshots and axe of the dialog.
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, inLightAndDark } from "../support/console";

const ORIGINAL = "Answer from the handbook.";

async function createAssistant(api: APIRequestContext): Promise<string> {
  const id = newUniqueId("unsaved");
  const created = await api.post("/admin/assistants", {
    data: { id, name: "Unsaved edits", instructions: ORIGINAL },
  });
  expect(created.status(), await created.text()).toBe(201);
  return id;
}

/** A link of the console's navigation (the sidebar, or the top bar on a narrow screen). */
const navLink = (page: Page, name: string) =>
  page.getByRole("link", { name, exact: true }).filter({ visible: true }).first();

function assistantPage(page: Page) {
  const form = page.getByRole("form", { name: "Assistant settings" });
  return {
    form,
    instructions: form.getByLabel("Instructions", { exact: true }),
    leaveDialog: page.getByRole("alertdialog", { name: "Leave this page?" }),
  };
}

/** From an assistant's settings to its Widget tab and back by the tabs: Back has somewhere to go. */
async function visitWidgetTabAndBack(page: Page, id: string) {
  const tabs = page.getByRole("navigation", { name: "Assistant" });
  await tabs.getByRole("link", { name: "Widget" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/widget$`));
  await tabs.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}$`));
}

/** Types at the end of the field, as a person does (which also counts as a user gesture). */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.click();
  await page.keyboard.press("End");
  await page.keyboard.type(text);
}

test("a link away from unsaved edits asks first: stay keeps them, leave goes", async ({
  page,
  api,
}, testInfo) => {
  const id = await createAssistant(api);
  const settingsUrl = new RegExp(`/console/assistants/${id}$`);
  const { instructions, leaveDialog } = assistantPage(page);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });

  // Untouched, the form lets the user go: to the Widget tab and back, without a question.
  await page.goto(`/console/assistants/${id}`);
  await expect(instructions).toHaveValue(ORIGINAL);
  await visitWidgetTabAndBack(page, id);
  await expect(leaveDialog).toHaveCount(0);

  await typeInto(page, instructions, " Be brief.");
  await expect(instructions).toHaveValue(`${ORIGINAL} Be brief.`);

  // A link elsewhere: the console asks, and "Stay" keeps the page and the edit.
  const backends = navLink(page, "Backends");
  await backends.click();
  await expect(leaveDialog).toBeVisible();
  await expect(leaveDialog.getByRole("button", { name: "Stay on this page" })).toBeFocused();
  await inLightAndDark(page, testInfo, "leave-dialog");
  await leaveDialog.getByRole("button", { name: "Stay on this page" }).click();
  await expect(leaveDialog).toBeHidden();
  await expect(page).toHaveURL(settingsUrl);
  await expect(instructions).toHaveValue(`${ORIGINAL} Be brief.`);

  // Escape stays too.
  await backends.click();
  await expect(leaveDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(leaveDialog).toBeHidden();
  await expect(page).toHaveURL(settingsUrl);

  // "Leave without saving" goes where the link pointed; the edit is not saved.
  await backends.click();
  await leaveDialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/console\/backends$/);
  await expect(page.getByRole("heading", { level: 1, name: "Backends" })).toBeVisible();
  await expect(leaveDialog).toHaveCount(0);
  const saved = (await (await api.get(`/admin/assistants/${id}`)).json()) as { instructions: string };
  expect(saved.instructions).toBe(ORIGINAL);
  // None of it went through the browser's own dialogs.
  expect(dialogs).toEqual([]);
});

test("Back from unsaved edits asks too (Navigation API): stay keeps them, leave goes back", async ({
  page,
  api,
}) => {
  const id = await createAssistant(api);
  const { instructions, leaveDialog } = assistantPage(page);
  await page.goto(`/console/assistants/${id}`);
  await expect(instructions).toHaveValue(ORIGINAL);
  await visitWidgetTabAndBack(page, id);
  await typeInto(page, instructions, " Be brief.");

  // A script's history.back(): the move waits for the answer; staying cancels it.
  await page.evaluate(() => history.back());
  await expect(leaveDialog).toBeVisible();
  await leaveDialog.getByRole("button", { name: "Stay on this page" }).click();
  await expect(leaveDialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}$`));
  await expect(instructions).toHaveValue(`${ORIGINAL} Be brief.`);

  // The browser's Back button: asked the same way; leaving goes back to the Widget tab.
  const goingBack = page.goBack();
  await leaveDialog.getByRole("button", { name: "Leave without saving" }).click();
  await goingBack;
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/widget$`));
  await expect(page.getByRole("form", { name: "Widget settings" })).toBeVisible();
});

test("a reload or close with unsaved edits gets the browser's prompt; a saved form gets none", async ({
  page,
  api,
}) => {
  const id = await createAssistant(api);
  const { form, instructions, leaveDialog } = assistantPage(page);
  await page.goto(`/console/assistants/${id}`);
  await expect(instructions).toHaveValue(ORIGINAL);
  await typeInto(page, instructions, " Be brief.");

  // Closing: the browser asks (beforeunload); dismissed, the page stays with the edit.
  const dialogs: string[] = [];
  page.once("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(["beforeunload"]);
  expect(page.isClosed()).toBe(false);
  await expect(instructions).toHaveValue(`${ORIGINAL} Be brief.`);

  // Reloading: asked again; accepted, the page reloads and the edit is gone.
  page.once("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(["beforeunload", "beforeunload"]);
  await expect(instructions).toHaveValue(ORIGINAL);

  // Saved edits: no question, neither from the console nor from the browser.
  await typeInto(page, instructions, " Cite the section.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.reload();
  await expect(instructions).toHaveValue(`${ORIGINAL} Cite the section.`);
  await typeInto(page, instructions, " Cite it.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved").first()).toBeVisible();
  await navLink(page, "Assistants").click();
  await expect(page).toHaveURL(/\/console\/assistants$/);
  await expect(leaveDialog).toHaveCount(0);
  expect(dialogs).toEqual(["beforeunload", "beforeunload"]);
});

test("the other forms ask too: instance settings", async ({ page }) => {
  await page.goto("/console/settings");
  const model = page.getByLabel("Default model", { exact: true });
  await model.click();
  await page.keyboard.type("some-other-model");
  await navLink(page, "Assistants").click();
  const leaveDialog = page.getByRole("alertdialog", { name: "Leave this page?" });
  await expect(leaveDialog).toBeVisible();
  await leaveDialog.getByRole("button", { name: "Leave without saving" }).click();
  await expect(page).toHaveURL(/\/console\/assistants$/);
});
