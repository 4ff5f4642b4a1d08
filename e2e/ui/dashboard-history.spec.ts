// The dashboard's history, as a new user finds it: answers made before the page opens are in its
// charts at once (read from the server, not collected by the browser); each range keeps them, in
// the address, across a reload; an answer made while the page is open arrives in the newest
// bucket; counts are bars, the error rate is on a 0-100 % axis, and an SLA far above the answers
// is named rather than drawn; the zoom narrows every chart and resets; the backend filter applies.
// Other specs answer beside this one, so every figure checked is of this spec's own assistant.
// Screenshots and axe, light and dark.
import type { APIRequestContext, Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { createAssistant } from "../support/runtime-api";

async function ask(api: APIRequestContext, assistant: string, message: string) {
  const asked = await api.post(`/assistants/${assistant}/ask`, { data: { message } });
  expect(asked.status(), await asked.text()).toBe(200);
}

const chart = (page: Page, title: string, subject: string) =>
  page.getByRole("img", { name: `${title}, ${subject}`, exact: true });

test("the dashboard draws the server's history at once, per range, live, zoomable", async ({
  page,
  api,
  llm,
}, testInfo) => {
  test.slow();
  const name = newUniqueId("History desk");
  const assistant = await createAssistant(api, newUniqueId("ui-history"), {
    name,
    model: llm.model,
    sla: { avg_ms: 60_000 },
  });
  await ask(api, assistant, "Where is my parcel?");
  await ask(api, assistant, "And the second one?");

  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`/console/dashboard?assistant_id=${assistant}`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const range = page.getByRole("group", { name: "Range" });
  await expect(range.getByRole("button", { name: "1 hour" })).toHaveAttribute("aria-pressed", "true");

  // Drawn from the server as soon as the page opens: both answers, one bar chart of outcomes.
  const requests = chart(page, "Requests", name);
  await expect(requests).toHaveAccessibleDescription(/^Completed 2 in all, at most 2 in one bucket/);
  await expect(requests.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(requests.locator(".recharts-line")).toHaveCount(0);
  // Shares on a 0-100 % axis, whatever the errors.
  const errors = chart(page, "Error rate", name);
  await expect(errors).toHaveAccessibleDescription(/^Error rate latest 0%/);
  await expect(errors).toContainText("100%");
  await expect(errors).not.toContainText("400%");
  // A 60 s SLA over answers of a fraction of a second is named, not drawn.
  const responseTime = chart(page, "Response time", name);
  await expect(responseTime).toHaveAccessibleDescription(
    /p50 latest .*p95 latest .*SLA 60 s, above every value shown/,
  );
  await expect(responseTime.locator(".recharts-reference-line")).toHaveCount(0);
  await expect(page.getByText("SLA 60 s, above every value shown", { exact: true })).toBeVisible();
  await expect(page.getByTestId("history-totals")).toContainText(/Requests\s*2\s*Error rate\s*0%/);
  await screenshot(page, testInfo, "dashboard-history");
  await expectAccessible(page, testInfo, "dashboard-history");

  // A new answer reaches the newest bucket while the page is open.
  await ask(api, assistant, "A third question");
  await expect(requests).toHaveAccessibleDescription(/^Completed 3 in all/, { timeout: 20_000 });

  // The zoom narrows every chart; Reset zoom shows the whole range again.
  const zoom = page.getByRole("region", { name: "Zoom" });
  await zoom.getByRole("slider").first().focus();
  for (let step = 0; step < 10; step++) await page.keyboard.press("ArrowRight");
  await expect(zoom.getByText(/^Showing .+ to .+\./)).toBeVisible();
  await zoom.getByRole("button", { name: "Reset zoom" }).click();
  await expect(zoom.getByText(/Showing the whole range/)).toBeVisible();

  // Each range reads the same answers in its own buckets, and the address keeps it.
  for (const [label, value, bucket] of [
    ["24 hours", "24h", "15-minute"],
    ["7 days", "7d", "hourly"],
    ["30 days", "30d", "6-hour"],
  ] as const) {
    await range.getByRole("button", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]range=${value}(&|$)`));
    await expect(range.getByRole("button", { name: label })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByText(new RegExp(`in ${bucket} buckets`))).toBeVisible();
    await expect(requests).toHaveAccessibleDescription(/^Completed 3 in all/);
  }
  await page.reload();
  await expect(range.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(requests).toHaveAccessibleDescription(/^Completed 3 in all/);

  // The backend filter: the worker's own simulator served all three.
  await page.getByLabel("Backend", { exact: true }).selectOption({ label: llm.backend.name });
  await expect(page).toHaveURL(new RegExp(`backend_id=${llm.backend.id}`));
  await expect(chart(page, "Requests", `${name} on ${llm.backend.name}`)).toHaveAccessibleDescription(
    /^Completed 3 in all/,
  );

  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await screenshot(page, testInfo, "dashboard-history-dark");
  await expectAccessible(page, testInfo, "dashboard-history-dark");
  await page.emulateMedia({ colorScheme: "light" });
});

test("a range without answers says so, and the unknown assistant of an old link is an error", async ({
  page,
  api,
}) => {
  const assistant = await createAssistant(api, newUniqueId("ui-quiet"), { name: newUniqueId("Quiet desk") });
  await page.goto(`/console/dashboard?range=24h&assistant_id=${assistant}`);
  await expect(page.getByRole("heading", { name: "No answers in the last 24 hours" })).toBeVisible();
  await page.goto("/console/dashboard?assistant_id=no-such-assistant");
  const failure = page.getByRole("alert").filter({ hasText: "Could not load the history" });
  await expect(failure).toContainText("Assistant 'no-such-assistant' was not found");
});
