// Creating an assistant from files, reviewed before it exists: two Markdown files are read as
// ingestion will read them (titles, extracted text, chunks), the settings are drafted from their
// headings, the person edits the name and a starter question, creates it, lands on its Knowledge
// tab and previews the stored chunks of a file; the playground offers the starter questions.
// Screenshots light and dark, and axe.
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";

const PARKING = `# Visitor parking

## Where to park
Visitors park in the north lot, rows A to C.

## Permits
Day permits are at the front desk.
`;
const LUNCH = `# Lunch menu

## Weekdays
Soup and a sandwich for six euros.
`;

test("files previewed, settings drafted and edited, assistant created with its chunks", async ({
  page,
}, testInfo) => {
  test.slow();
  await page.goto("/console/assistants/new");
  await page.getByRole("tab", { name: "Create from files" }).click();
  const form = page.getByRole("form", { name: "Create from files" });
  await form.getByLabel("Upload files").setInputFiles([
    { name: "parking.md", mimeType: "text/markdown", buffer: Buffer.from(PARKING) },
    { name: "lunch.md", mimeType: "text/markdown", buffer: Buffer.from(LUNCH) },
  ]);

  // The preview of each file: its title, its text and the chunks ingestion will make.
  const parking = form.getByRole("article", { name: "Preview of parking.md" });
  await expect(parking).toBeVisible({ timeout: 30_000 });
  await expect(parking.getByRole("heading", { name: "Visitor parking" })).toBeVisible();
  await expect(parking.getByRole("list", { name: "Chunks of parking.md" }).getByRole("listitem")).toHaveCount(
    2,
  );
  await expect(parking.getByRole("list", { name: "Chunks of parking.md" })).toContainText("north lot");
  await parking.getByText(/^Extracted text/).click();
  await expect(parking.locator("pre")).toContainText("Day permits are at the front desk.");
  await expect(form.getByRole("article", { name: "Preview of lunch.md" })).toContainText("Lunch menu");

  // The drafted settings, from the titles and headings (the simulator answers no JSON).
  await expect(form.getByText("Drafted from the headings")).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Visitor parking and Lunch menu");
  await expect(form.getByLabel("Id", { exact: true })).toHaveValue(/^visitor-parking-and-lunch-menu(-\d+)?$/);
  await expect(form.getByLabel("Suggested question 1")).toHaveValue(
    "What should I know about where to park?",
  );
  await screenshot(page, testInfo, "create-from-files-draft");
  await expectAccessible(page, testInfo, "create-from-files-draft");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await screenshot(page, testInfo, "create-from-files-draft-dark");
  await expectAccessible(page, testInfo, "create-from-files-draft-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // Edits: a new name (the id then follows it) and a starter question in our own words.
  const name = `Front desk ${newUniqueId("fd")}`;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await expect(form.getByLabel("Id", { exact: true })).toHaveValue("");
  await form.getByLabel("Suggested question 1").fill("Where do visitors park?");
  await form.getByRole("button", { name: "Create assistant" }).click();

  await expect(page).toHaveURL(new RegExp(`/console/assistants/${slug}/knowledge$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  const row = page.getByRole("table", { name: "Files" }).getByRole("row").filter({ hasText: "parking.md" });
  await expect(row.getByText("Ready")).toBeVisible({ timeout: 30_000 });
  await row.getByRole("button", { name: "Preview chunks of parking.md" }).click();
  const dialog = page.getByRole("dialog", { name: "Chunks of parking.md" });
  await expect(dialog.getByRole("listitem")).toHaveCount(2);
  await expect(dialog).toContainText("Visitors park in the north lot");
  await expect(dialog).toContainText("Visitor parking > Where to park");
  await screenshot(page, testInfo, "knowledge-chunks");
  await expectAccessible(page, testInfo, "knowledge-chunks");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, testInfo, "knowledge-chunks-dark");
  await expectAccessible(page, testInfo, "knowledge-chunks-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.keyboard.press("Escape");

  // The playground offers the starter questions while the conversation is empty.
  await page.goto(`/console/assistants/${slug}/playground`);
  const starters = page.getByRole("list", { name: "Suggested questions" });
  await expect(starters.getByRole("button")).toHaveText([
    "Where do visitors park?",
    "What should I know about permits?",
    "What should I know about weekdays?",
  ]);
  await screenshot(page, testInfo, "playground-starters");
  await expectAccessible(page, testInfo, "playground-starters");
  await starters.getByRole("button", { name: "Where do visitors park?" }).click();
  await expect(page.getByRole("log", { name: "Conversation" })).toContainText("Where do visitors park?");
  await expect(starters).toHaveCount(0);
});
