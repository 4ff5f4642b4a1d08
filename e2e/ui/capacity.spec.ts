// The Capacity page: an assistant with an SLA ladder, on the worker's own simulated backend (no
// other spec's answers teach the completion model about it), shows its SLA and the backend's row
// as configured and degraded, marked as not yet learned; a target number of users fills in the
// backends needed, and stays in the address bar. After a short load test the figures are learned
// and the measurement links to the run. Screenshots and axe on the page.
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { startLoadTest, waitForRun } from "../support/loadtests";
import { createAssistant } from "../support/runtime-api";

test.describe.configure({ timeout: 120_000 });

test("plans an assistant's capacity for a target and links the measurement", async ({
  page,
  api,
  llm,
}, testInfo) => {
  const family = newUniqueId("Capacity helper");
  const name = `${family} main`;
  // Ten more of its family, so that the page has more cards than it shows at first.
  for (let index = 1; index <= 10; index += 1) {
    await createAssistant(api, newUniqueId("ui-cap-more"), { name: `${family} ${index}`, model: llm.model });
  }
  const id = await createAssistant(api, newUniqueId("ui-cap"), {
    name,
    model: llm.model,
    sla: { avg_ms: 90_000, control: "degrade", degradation: [{ reasoning_effort: "low" }] },
  });

  await page.goto("/console");
  await page.getByRole("link", { name: "Capacity", exact: true }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/console\/capacity$/);
  await expect(page.getByRole("heading", { level: 1, name: "Capacity" })).toBeVisible();

  // Every enabled assistant has a card, ten at a time, found by name or id.
  await expect(page.getByText(/^Showing 10 of [\d,]+ enabled assistants$/)).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Find an assistant" });
  await search.fill(family);
  await expect(page.getByText(/^11 of [\d,]+ enabled assistants match; showing 10$/)).toBeVisible();
  await expect(page.getByRole("region", { name: /^Capacity helper/ })).toHaveCount(10);
  await page.getByRole("button", { name: "Show more (1 left)" }).click();
  await expect(page.getByRole("region", { name: /^Capacity helper/ })).toHaveCount(11);
  await search.fill(name);
  await expect(page.getByText(/^1 of [\d,]+ enabled assistants match$/)).toBeVisible();
  const card = page.getByRole("region", { name, exact: true });
  await expect(card.getByText("SLA average")).toBeVisible();
  await expect(card.getByRole("definition").first()).toHaveText("≤ 90 s");
  await expect(card.getByText("degrade", { exact: true })).toBeVisible();

  const table = card.getByRole("table", { name: `Users within the SLA, ${name}` });
  await expect(table.getByRole("columnheader", { name: /^As configured/ })).toContainText(
    `${llm.model} · reasoning medium`,
  );
  await expect(table.getByRole("columnheader", { name: /^Degraded/ })).toContainText("reasoning low");
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: llm.backend.name }) });
  const cells = row.getByRole("cell");
  await expect(cells).toHaveCount(2);
  await expect(cells.nth(0)).toHaveText(/not yet learned: from defaults\s*\d+$/);
  await expect(cells.nth(1)).toHaveText(/not yet learned: from defaults\s*\d+$/);
  await expect(table.getByRole("rowheader", { name: "Total" })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: /^Backends needed/ })).toHaveCount(0);
  await expect(card.getByText("No completed load test yet")).toBeVisible();

  // A target fills in the backends needed, as configured and degraded.
  const target = page.getByLabel("Target users", { exact: true });
  await target.fill("250");
  const needed = table.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: "Backends needed for 250 users" }),
  });
  await expect(needed.getByRole("cell")).toHaveText([/^\d+$/, /^\d+$/]);
  await expect(page).toHaveURL(/\/console\/capacity\?users=250$/);
  await screenshot(page, testInfo, "capacity");
  await expectAccessible(page, testInfo, "capacity");

  // Enter applies a target at once; an invalid one is refused where it is typed.
  await target.fill("0");
  await expect(page.getByText("Enter a whole number from 1 to 1,000,000")).toBeVisible();
  await expect(target).toHaveAttribute("aria-invalid", "true");
  await target.fill("40");
  await target.press("Enter");
  await expect(table.getByRole("rowheader", { name: "Backends needed for 40 users" })).toBeVisible();

  // A short load test teaches the completion model and gives the measurement.
  const run = await waitForRun(
    api,
    (await startLoadTest(api, { assistant_id: id, user_levels: [1], requests_per_user: 2 })).id,
  );
  expect(run.status, run.error ?? "").toBe("completed");
  await page.reload();
  await expect(target).toHaveValue("40");
  await search.fill(name);
  await expect(cells.nth(0)).toHaveText(/^\d+$/);
  await expect(card.getByText("up to 1 user within the SLA")).toBeVisible();
  await card.getByRole("link", { name: "Open the load test" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/loadtests/${run.id}$`));
});
