// Helpers for the console specs (the `ui` project): signing in through the login form, full-page
// screenshots kept as artifacts, and the accessibility check (axe, soft). `adminTest` signs the
// seeded admin in once per worker and starts every test's page signed in: the login endpoint is
// rate limited (HEARTH_LOGIN_RATE_LIMIT, 10 a minute by default), so specs that each signed in
// through the form would trip it once the ui project grows.
import { writeFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContextOptions, Page, TestInfo } from "@playwright/test";
import { expect, test } from "../fixtures";
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL } from "./env";

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/console/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/console\/login/, { timeout: 20_000 });
}

/** A full-page screenshot, kept in the test's folder under test-results and attached to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/**
 * The page as it is now in the light and the dark theme: a screenshot of each (`<name>-light`,
 * `<name>-dark`) and axe on each. Leaves the page light.
 */
export async function inLightAndDark(page: Page, testInfo: TestInfo, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, testInfo, `${name}-${scheme}`);
    await expectAccessible(page, testInfo, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Whether the page holds a frame from another origin (the widget on a customer's site). */
function hasCrossOriginFrame(page: Page): boolean {
  const origin = new URL(page.url()).origin;
  return page
    .frames()
    .some((frame) => /^https?:/.test(frame.url()) && new URL(frame.url()).origin !== origin);
}

/**
 * Axe (WCAG 2.x A/AA): no serious or critical violation. Axe runs in the page itself (legacy mode)
 * unless a frame from another origin must be checked too: that mode opens a second, blank page in
 * the context to merge the frames' results, and in CI (Debian's Chromium 156) that page's script
 * once never returned, nor did the tested page's next action, in two console specs and their
 * retries.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page })
    .setLegacyMode(!hasCrossOriginFrame(page))
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    // Toasts portal in and out while the check runs; they are checked where they appear.
    .exclude("[data-sonner-toaster]")
    .analyze();
  const file = testInfo.outputPath(`axe-${name}.json`);
  writeFileSync(file, JSON.stringify(results.violations, null, 2));
  await testInfo.attach(`axe-${name}`, { path: file, contentType: "application/json" });
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  // Soft, so that one page's violations do not hide the next page's.
  expect.soft(blocking, `axe violations on ${name}`).toEqual([]);
}

/** The specs' tests, with `page` (and every new context) signed in as the seeded admin. */
export const adminTest = test.extend<object, { adminState: StorageState }>({
  adminState: [
    async ({ browser }, provide) => {
      // (Worker fixtures run outside a test, where the project's `use` options do not apply.)
      const context = await browser.newContext({ baseURL: BASE_URL });
      const page = await context.newPage();
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      const state = await context.storageState();
      await context.close();
      await provide(state);
    },
    { scope: "worker" },
  ],
  storageState: async ({ adminState }, provide) => {
    await provide(adminState);
  },
});

export { expect };
