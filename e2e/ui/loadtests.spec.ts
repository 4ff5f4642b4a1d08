// The Load tests page: an admin starts a short run from the form, watches it run, and gets the
// report: both tables, the four charts (the SLA named above them, far above the simulator's
// times), the verdict and the simulator label; then exports it as Markdown. Screenshots and axe.
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { createAssistant } from "../support/runtime-api";

test.describe.configure({ timeout: 120_000 });

test("starts a load test from the console and shows its report", async ({ page, api }, testInfo) => {
  const assistant = await createAssistant(api, newUniqueId("ui-lt"), { name: "Load test target" });
  await page.goto("/console/loadtests");
  await expect(page.getByRole("heading", { name: "Load tests", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "New load test" });
  await form.getByLabel("Assistant").selectOption(assistant);
  await form.getByLabel("Label").fill("console run");
  await form.getByLabel("User levels").fill("1, 2");
  await form.getByLabel("Duration (s)").fill("2");
  await expectAccessible(page, testInfo, "loadtests-form");

  // The one-at-a-time slot may be held by another spec's run: retry until it starts.
  await expect(async () => {
    await form.getByRole("button", { name: "Start load test" }).click();
    await expect(page).toHaveURL(/\/console\/loadtests\/lt_/, { timeout: 3_000 });
  }).toPass({ timeout: 90_000 });

  await expect(page.getByText("completed", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("loadtest-verdicts")).toContainText("Within the SLA up to 2 users");
  await expect(page.getByTestId("loadtest-verdicts")).toContainText("vLLM simulator");
  const results = page.getByTestId("comparative-results");
  for (const header of [
    "Model",
    "Users",
    "Avg (ms)",
    "Median (ms)",
    "%90 (ms)",
    "%95 (ms)",
    "%99 (ms)",
    "Error rate",
    "Throughput (/min)",
    "SLA (avg ≤ 90s)",
    "TTFT avg (ms)",
    "Goodput",
    "Cut stream",
  ]) {
    await expect(results.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  }
  await expect(results.getByRole("row")).toHaveCount(3);
  const compliance = page.getByTestId("sla-compliance");
  await expect(compliance.getByRole("row", { name: /console run/ })).toContainText("✅ met");
  const charts = page.getByTestId("loadtest-chart");
  await expect(charts).toHaveCount(4);
  await expect(charts.nth(0)).toContainText("Average response time by users");
  // The simulator answers in well under a second: a 90 s SLA line would flatten the lines to the
  // floor, so it is named above the chart instead.
  await expect(charts.nth(0).locator(".recharts-reference-line")).toHaveCount(0);
  await expect(charts.nth(0)).toContainText("SLA 90 s: above every value shown");
  await expect(charts.nth(0).locator(".recharts-line-curve").first()).toBeVisible();
  await expect(charts.nth(3)).toContainText("Throughput by users");
  await screenshot(page, testInfo, "loadtest-report");
  await expectAccessible(page, testInfo, "loadtest-report");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Markdown" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^loadtest-lt_[0-9a-f]+\.md$/);
});
