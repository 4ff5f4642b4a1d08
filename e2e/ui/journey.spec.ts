// The whole operator journey in the console, in one go: sign in through the form, create an
// assistant from the form (prefilled with the instance's defaults), upload a document on its
// Knowledge tab and wait until it is ready, ask the playground a question the document answers and
// see the citation, find the session by date and read its transcript with the citation, disable the
// assistant and see the next question refused. Then the Settings page: an admin changes a default
// and the new-assistant form follows it; a viewer sees it read-only and the server refuses the
// viewer's change over tRPC. Screenshots of every main page are kept as test artifacts, and axe
// checks each of them for serious or critical violations.
import type { Page } from "@playwright/test";
import { expect, newUniqueId, test } from "../fixtures";
import { adminTest, expectAccessible, screenshot, signIn } from "../support/console";
import { ADMIN_EMAIL, ADMIN_PASSWORD, SIM_MODEL } from "../support/env";

const HANDBOOK = `# Employee handbook

## Holidays
Every employee gets 27 days of paid holiday a year, plus public holidays.

## Equipment
The product code for the docking station is XJ-9000.
`;

/** The last answer of the playground's conversation. */
const lastAnswer = (page: Page) =>
  page.getByRole("log", { name: "Conversation" }).getByRole("article", { name: "Assistant message" }).last();

/** Today and tomorrow as the browser's date inputs write them (its own time zone). */
async function localDays(page: Page): Promise<{ today: string; tomorrow: string }> {
  return page.evaluate(() => {
    const day = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    const now = new Date();
    return { today: day(now), tomorrow: day(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)) };
  });
}

/** A link of the console's navigation (the sidebar, or the top bar on a narrow screen). */
const navLink = (page: Page, name: string) =>
  page.getByRole("link", { name, exact: true }).filter({ visible: true }).first();

/** A tRPC mutation sent with the page's session cookie, as a script in the browser could. */
function trpcMutation(page: Page, procedure: string, input: unknown) {
  return page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
}

test("an operator's whole journey: assistant, knowledge, cited answer, sessions, disable", async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(120_000);
  const id = newUniqueId("journey");
  const name = "Handbook journey";

  // Sign in: the console sends a signed-out visitor to the login form first.
  await page.goto("/console");
  await expect(page).toHaveURL(/\/console\/login$/);
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Health" })).toBeVisible();
  // The app and its database (a model backend on this machine may be healthy too).
  await expect(page.getByRole("definition").filter({ hasText: /^Healthydatabase/ })).toBeVisible();
  await screenshot(page, testInfo, "overview");
  await expectAccessible(page, testInfo, "overview");

  // Create the assistant from the form; the model and SLA come prefilled with the defaults.
  await navLink(page, "Assistants").click();
  await expect(page).toHaveURL(/\/console\/assistants$/);
  await expect(page.getByRole("heading", { level: 1, name: "Assistants" })).toBeVisible();
  await page.getByRole("link", { name: "New assistant" }).first().click();
  await expect(page).toHaveURL(/\/console\/assistants\/new$/);
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue(SIM_MODEL);
  await expect(page.getByLabel("Average response time (s)")).toHaveValue("90");
  await page.getByLabel("Id", { exact: true }).fill(id);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Instructions", { exact: true }).fill("Answer from the employee handbook.");
  await screenshot(page, testInfo, "assistant-form");
  await page.getByRole("button", { name: "Create assistant" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}$`), { timeout: 20_000 });
  await expect(page.getByText(`Created ${name}`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await screenshot(page, testInfo, "assistant");

  // Upload the handbook on the Knowledge tab and wait until it is ready.
  await page.getByRole("link", { name: "Knowledge", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/knowledge$`));
  await expect(page.getByText("No files yet")).toBeVisible();
  await page.getByLabel("Upload files").setInputFiles({
    name: "handbook.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(HANDBOOK),
  });
  const fileRow = page
    .getByRole("table", { name: "Files" })
    .getByRole("row")
    .filter({ hasText: "handbook.md" });
  await expect(fileRow.getByText("Ready")).toBeVisible({ timeout: 30_000 });
  await screenshot(page, testInfo, "knowledge");
  await expectAccessible(page, testInfo, "knowledge");

  // Ask the playground; the answer cites the handbook, and the source opens the passage.
  await page.getByRole("link", { name: "Playground", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/playground`));
  // (The simulator repeats the question, so its answer carries the citation marker [1].)
  const question = "How many days of paid holiday do I get? Cite the handbook as [1].";
  await page.getByLabel("Message", { exact: true }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const answer = lastAnswer(page);
  const source = answer.getByRole("list", { name: "Sources" }).getByRole("button").first();
  await expect(source).toContainText("handbook.md", { timeout: 20_000 });
  await expect(answer).not.toHaveAttribute("aria-busy");
  await source.click();
  const passage = page.getByRole("dialog", { name: /Passage from handbook\.md/ });
  await expect(passage).toContainText("27 days of paid holiday");
  await screenshot(page, testInfo, "playground-citation");
  await passage.getByRole("button", { name: "Close" }).click();
  await expect(passage).toBeHidden();
  // The answer's marker [1] opens the same passage.
  await answer.getByRole("button", { name: "Source 1", exact: true }).click();
  await expect(passage).toContainText("27 days of paid holiday");
  await page.keyboard.press("Escape");
  await expect(passage).toBeHidden();
  await expectAccessible(page, testInfo, "playground");
  await expect(page).toHaveURL(/[?&]session=/);
  const sessionId = new URL(page.url()).searchParams.get("session")!;

  // Sessions: the conversation is there today, not from tomorrow on; its transcript keeps the citation.
  await page.getByRole("link", { name: "Sessions", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/sessions`));
  const sessionLink = page.getByRole("link", { name: sessionId });
  await expect(sessionLink).toBeVisible();
  const { today, tomorrow } = await localDays(page);
  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  await expect(sessionLink).toBeVisible();
  await page.getByLabel("To", { exact: true }).fill(tomorrow);
  await page.getByLabel("From", { exact: true }).fill(tomorrow);
  await expect(page.getByText("No matching sessions")).toBeVisible();
  await expect(sessionLink).toHaveCount(0);
  // A range that ends before it starts is explained, not sent.
  await page.getByLabel("To", { exact: true }).fill(today);
  await expect(
    page.getByRole("alert").filter({ hasText: "The start date is after the end date." }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Clear dates" }).click();
  await expect(sessionLink).toBeVisible();
  await page.getByLabel("From", { exact: true }).fill(today);
  await expect(sessionLink).toBeVisible();
  await screenshot(page, testInfo, "sessions");
  await expectAccessible(page, testInfo, "sessions");

  await sessionLink.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("article", { name: "User" })).toContainText(question);
  const stored = messages.getByRole("article", { name: "Assistant" });
  const storedSource = stored.getByRole("list", { name: "Sources" }).getByRole("button").first();
  await expect(storedSource).toContainText("handbook.md");
  await screenshot(page, testInfo, "transcript");
  await expectAccessible(page, testInfo, "transcript");
  // The stored citation opens its passage, as in the playground.
  await storedSource.click();
  await expect(page.getByRole("dialog", { name: /Passage from handbook\.md/ })).toContainText(
    "27 days of paid holiday",
  );
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await stored.getByRole("button", { name: "Source 1", exact: true }).click();
  await expect(page.getByRole("dialog", { name: /Passage from handbook\.md/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Disable the assistant; the next question is refused with the reason.
  await page.goto(`/console/assistants/${id}`);
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(page.getByText(`${name} is disabled`)).toBeVisible();
  expect(((await (await api.get(`/admin/assistants/${id}`)).json()) as { enabled: boolean }).enabled).toBe(
    false,
  );
  await page.getByRole("link", { name: "Playground", exact: true }).click();
  await expect(page.getByRole("note").filter({ hasText: "This assistant is disabled" })).toBeVisible();
  await page.getByLabel("Message", { exact: true }).fill("And how many sick days?");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const refusal = lastAnswer(page).getByRole("alert");
  await expect(refusal).toContainText("This assistant is disabled");
  await expect(refusal).toContainText("Code ASSISTANT_DISABLED");
  await screenshot(page, testInfo, "playground-disabled");
});

// The settings tests start signed in as the admin (one sign-in per worker, see support/console.ts):
// the sign-in form is rate limited, and the journey above already went through it.
adminTest.describe("settings", () => {
  adminTest(
    "an admin changes a default and the new-assistant form follows it",
    async ({ page }, testInfo) => {
      await page.goto("/console");
      await navLink(page, "Settings").click();
      await expect(page).toHaveURL(/\/console\/settings$/);
      await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
      // The deployment at a glance: the embedded database, the secrets only as set or not.
      await expect(page.getByText("Embedded PGlite").or(page.getByText("PostgreSQL"))).toBeVisible();
      await expect(page.getByText("HEARTH_METRICS_TOKEN")).toBeVisible();
      await expect(page.locator("body")).not.toContainText(/hth_e2e_master_key|postgresql:\/\//);
      await screenshot(page, testInfo, "settings");
      await expectAccessible(page, testInfo, "settings");
      // The theme follows the system: dark, the page is checked again (contrast above all).
      await page.emulateMedia({ colorScheme: "dark" });
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      await screenshot(page, testInfo, "settings-dark");
      await expectAccessible(page, testInfo, "settings-dark");
      await page.emulateMedia({ colorScheme: "light" });

      // Only the SLA default changes: answers in the other specs take well under a second, so their
      // SLA figures do not move, and it is set back at the end.
      const sla = page.getByLabel("Default SLA average (s)");
      await sla.fill("5000");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("Enter a number of seconds, up to 3600")).toBeVisible();
      await sla.fill("45");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("Settings saved")).toBeVisible();
      try {
        await page.goto("/console/assistants/new");
        await expect(page.getByLabel("Average response time (s)")).toHaveValue("45");
      } finally {
        await page.goto("/console/settings");
        await sla.fill("");
        await page.getByRole("button", { name: "Save settings" }).click();
        await expect(page.getByText("Settings saved")).toBeVisible();
      }
      await page.goto("/console/assistants/new");
      await expect(page.getByLabel("Average response time (s)")).toHaveValue("90");
    },
  );

  adminTest(
    "a viewer reads them, cannot edit them, and the server refuses the viewer's change",
    async ({ page, browser }, testInfo) => {
      const viewer = { email: `${newUniqueId("viewer")}@example.com`, password: "viewer-password-123" };
      // Created by the signed-in admin through the console's own API.
      const created = await trpcMutation(page, "users.create", {
        name: "Vera Viewer",
        role: "viewer",
        ...viewer,
      });
      expect(created.status(), await created.text()).toBe(200);

      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const viewerPage = await context.newPage();
      await signIn(viewerPage, viewer.email, viewer.password);
      await viewerPage.goto("/console/settings");
      await expect(viewerPage.getByText("Only an admin can change these settings.")).toBeVisible();
      await expect(viewerPage.getByLabel("Default model")).toBeDisabled();
      await expect(viewerPage.getByRole("button", { name: "Save settings" })).toHaveCount(0);
      await screenshot(viewerPage, testInfo, "settings-viewer");
      await expectAccessible(viewerPage, testInfo, "settings-viewer");

      // The UI offers nothing; the server is what refuses.
      const write = await trpcMutation(viewerPage, "settings.update", { default_model: "viewer-was-here" });
      expect(write.status(), await write.text()).toBe(403);
      expect(
        ((await write.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code,
      ).toBe("FORBIDDEN");
      expect(await write.text()).toContain("not allowed to settings manage");
      const read = await viewerPage.request.get("/api/trpc/settings.get");
      expect(read.status()).toBe(200);
      const settings = (
        (await read.json()) as { result: { data: { json: { default_model: string | null } } } }
      ).result.data.json;
      expect(settings.default_model).toBeNull();
      await context.close();
    },
  );
});
