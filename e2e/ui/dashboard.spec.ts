// The dashboard: after two answers from a new assistant, the Overview's Traffic card leads to
// /console/dashboard, whose table counts them in the one-minute window, whose charts are named for
// the assistant once it is selected, and whose backend table lists the env backend. Screenshot
// and axe on the page. Its history is dashboard-history.spec.ts.
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";

test.describe("dashboard", () => {
  test("shows an assistant's answers in the table and its live charts", async ({ page, api }, testInfo) => {
    const name = newUniqueId("Dashboard helper");
    const id = await createAssistant(api, newUniqueId("ui-dash"), { name, model: SIM_MODEL });
    for (const message of ["Hello", "Hello again"]) {
      const asked = await api.post(`/assistants/${id}/ask`, { data: { message } });
      expect(asked.status(), await asked.text()).toBe(200);
    }

    await page.goto("/console");
    const traffic = page.getByRole("region", { name: /Traffic/ });
    await expect(traffic.getByText("Requests", { exact: true })).toBeVisible();
    await traffic.getByRole("link", { name: "Open dashboard" }).click();
    await expect(page).toHaveURL(/\/console\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

    // Two requests in the assistant's one-minute row.
    const table = page.getByRole("table", { name: "Assistant traffic" });
    const group = table.getByRole("rowgroup").filter({ hasText: name });
    const minute = group
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "1m", exact: true }) });
    await expect(minute.getByRole("cell").first()).toHaveText("2");

    // The charts follow the selected assistant, named for it; the latest values are their description.
    await expect(page.getByRole("img", { name: "Response time, all assistants" })).toBeVisible();
    await page.getByLabel("Assistant", { exact: true }).selectOption({ label: name });
    const responseTime = page.getByRole("img", { name: `Response time, ${name}` });
    await expect(responseTime).toBeVisible();
    await expect(responseTime).toHaveAccessibleDescription(/p50 .*p95 .*SLA/);
    await expect(page.getByRole("img", { name: `Requests, ${name}` })).toBeVisible();

    const backends = page.getByRole("table", { name: "Backend traffic" });
    const envBackend = backends.getByRole("row").filter({ hasText: "env-llm" });
    await expect(envBackend).toBeVisible();
    await expect(envBackend.getByText("Healthy", { exact: true })).toBeVisible();

    await screenshot(page, testInfo, "dashboard");
    await expectAccessible(page, testInfo, "dashboard");
  });
});
