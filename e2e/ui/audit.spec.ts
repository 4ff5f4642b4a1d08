// The Audit log page: an admin creates an assistant in the console and finds the `assistant.create`
// event there, by action and by their e-mail, with the filters kept in the address; the row opens
// on the change it recorded. The page passes axe, light and dark. A viewer has no Audit link, sees
// the page closed, and the server refuses the viewer's read over tRPC whatever the page shows.
import type { Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest, expect, expectAccessible, screenshot, signIn } from "../support/console";
import { ADMIN_EMAIL } from "../support/env";

/** A link of the console's navigation (the sidebar, or the top bar on a narrow screen). */
const navLink = (page: Page, name: string) =>
  page.getByRole("link", { name, exact: true }).filter({ visible: true }).first();

adminTest.describe("audit log", () => {
  adminTest(
    "an admin finds the assistant they created, and opens its details",
    async ({ page }, testInfo) => {
      adminTest.setTimeout(90_000);
      const id = newUniqueId("audited");
      const name = `Audited ${id}`;

      // A change made by a person, in the console (the REST API's master key would be `master_key`).
      await page.goto("/console/assistants/new");
      await page.getByLabel("Id", { exact: true }).fill(id);
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Create assistant" }).click();
      await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}$`), { timeout: 20_000 });

      await page.goto("/console");
      await navLink(page, "Audit log").click();
      await expect(page).toHaveURL(/\/console\/audit$/);
      await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();

      await page.getByLabel("Action", { exact: true }).fill("assistant.create");
      await page.getByLabel("Who", { exact: true }).fill(ADMIN_EMAIL);
      // The filters are kept in the address, so a reload shows the same view.
      await expect(page).toHaveURL(/[?&]action=assistant\.create/);
      await expect(page).toHaveURL(new RegExp(`[?&]who=${encodeURIComponent(ADMIN_EMAIL)}`));

      const table = page.getByRole("table", { name: "Audit events, newest first" });
      const row = table.getByRole("row").filter({ hasText: id });
      await expect(row).toHaveCount(1, { timeout: 15_000 });
      await expect(row).toContainText("assistant.create");
      await expect(row).toContainText(ADMIN_EMAIL);
      await expect(row).toContainText("success");

      const toggle = row.getByRole("button", { name: /details of assistant\.create/ });
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      const details = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
      await expect(details).toBeVisible();
      await expect(details).toContainText("Request id");
      await expect(details).toContainText(name);
      await screenshot(page, testInfo, "audit");
      await expectAccessible(page, testInfo, "audit");

      await page.reload();
      await expect(page.getByLabel("Action", { exact: true })).toHaveValue("assistant.create");
      await expect(page.getByLabel("Who", { exact: true })).toHaveValue(ADMIN_EMAIL);
      await expect(table.getByRole("row").filter({ hasText: id })).toHaveCount(1, { timeout: 15_000 });

      // A filter that matches nothing says so, and clearing it brings the events back.
      await page.getByLabel("Action", { exact: true }).fill("nothing.matches.this");
      await expect(page.getByText("No matching events")).toBeVisible({ timeout: 15_000 });
      await page.getByRole("button", { name: "Clear filters" }).click();
      await expect(page.getByLabel("Action", { exact: true })).toHaveValue("");
      await expect(page.getByLabel("Who", { exact: true })).toHaveValue("");
      await expect(page).toHaveURL(/\/console\/audit$/);
      // (Other specs' events may have pushed this one off the first page by now: any row will do.)
      await expect(table.getByRole("row").nth(1)).toBeVisible({ timeout: 15_000 });

      await page.emulateMedia({ colorScheme: "dark" });
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      await screenshot(page, testInfo, "audit-dark");
      await expectAccessible(page, testInfo, "audit-dark");
      await page.emulateMedia({ colorScheme: "light" });
    },
  );

  adminTest(
    "a viewer has no Audit log, and the server refuses the viewer's read",
    async ({ page, browser }) => {
      const viewer = {
        email: `${newUniqueId("audit-viewer")}@example.com`,
        password: "quiet-viewer-reads-audit-42",
      };
      const created = await page.request.post("/api/trpc/users.create", {
        data: { json: { name: "Vic Viewer", role: "viewer", ...viewer } },
      });
      expect(created.status(), await created.text()).toBe(200);

      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      const viewerPage = await context.newPage();
      await signIn(viewerPage, viewer.email, viewer.password);
      await expect(viewerPage.getByRole("link", { name: "Audit log", exact: true })).toHaveCount(0);
      await viewerPage.goto("/console/audit");
      await expect(viewerPage.getByText("Admins only")).toBeVisible();
      await expect(viewerPage.getByRole("table")).toHaveCount(0);

      const input = encodeURIComponent(JSON.stringify({ json: {} }));
      const read = await viewerPage.request.get(`/api/trpc/audit.list?input=${input}`);
      expect(read.status(), await read.text()).toBe(403);
      const exported = await viewerPage.request.get("/admin/audit/export");
      expect(exported.status()).toBe(403);
      expect(await exported.text()).not.toContain("assistant.create");
      await context.close();
    },
  );
});
