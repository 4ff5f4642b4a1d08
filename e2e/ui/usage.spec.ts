// The Usage page: an admin sees what two assistants answered (through a key and without one), opens
// one assistant's usage per API key and then the key's per end user, goes Back a level, keeps the
// view over a reload, clears a filter, downloads the CSV of what the page shows, and arrives from
// the assistant's and the API key's own pages. Then a price set on a backend in the console turns
// the answers after it into cost, on the page and in the Backends table. Usage is global and other
// specs answer beside these, so every figure checked is filtered to this spec's assistants or key.
// Screenshots and axe.
import { readFileSync } from "node:fs";
import type { APIRequestContext, Locator } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { bearer, newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";
import { startSimulatedBackend } from "../support/simulated-backend";

interface Figures {
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
}

/** GET /admin/usage's report, as much of it as the specs read. */
interface Report {
  priced: boolean;
  totals: Figures;
  rows: Array<Figures & { key: string; label: string }>;
}

async function usageOf(api: APIRequestContext, query: Record<string, string>): Promise<Report> {
  const response = await api.get(`/admin/usage?${new URLSearchParams(query).toString()}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Report;
}

async function ask(
  api: APIRequestContext,
  assistant: string,
  data: { message: string; user?: string },
  key?: string,
) {
  const asked = await api.post(`/assistants/${assistant}/ask`, {
    data,
    ...(key ? { headers: bearer(key) } : {}),
  });
  expect(asked.status(), await asked.text()).toBe(200);
}

/** The first figure of a row of the usage table (its requests). */
const requestsCell = (row: Locator) => row.getByRole("cell").first();

test("usage per assistant drills down to keys and end users, keeps the view, and exports it", async ({
  page,
  api,
}, testInfo) => {
  test.slow();
  const suffix = Date.now().toString(36);
  const deskName = `Usage desk ${suffix}`;
  const desk = await createAssistant(api, newUniqueId("ui-usage"), { name: deskName, model: SIM_MODEL });
  const other = await createAssistant(api, newUniqueId("ui-usage"), {
    name: `Usage other ${suffix}`,
    model: SIM_MODEL,
  });
  const keyName = `usage-key-${suffix}`;
  const created = await api.post("/admin/api-keys", { data: { name: keyName, scope: "runtime" } });
  expect(created.status(), await created.text()).toBe(201);
  const key = (await created.json()) as { id: string; key: string };

  // The desk: two questions of one end user through the key, one without a key; the other: one.
  await ask(api, desk, { message: "Where is my parcel?", user: "dora" }, key.key);
  await ask(api, desk, { message: "And the second one?", user: "dora" }, key.key);
  await ask(api, desk, { message: "Hello from the master key" });
  await ask(api, other, { message: "Hi" }, key.key);
  // Usage is recorded as each answer is; wait until the report has them all.
  await expect.poll(async () => (await usageOf(api, { assistant_id: desk })).totals.requests).toBe(3);
  await expect.poll(async () => (await usageOf(api, { assistant_id: other })).totals.requests).toBe(1);

  await page.goto("/console");
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/console\/usage$/);
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
  const byAssistant = page.getByRole("table", { name: "Usage by assistant" });
  const deskRow = byAssistant.getByRole("row").filter({ hasText: deskName });
  await expect(requestsCell(deskRow)).toHaveText("3");
  await expect(
    requestsCell(byAssistant.getByRole("row").filter({ hasText: `Usage other ${suffix}` })),
  ).toHaveText("1");
  await expect(page.getByRole("img", { name: "Requests" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Tokens" })).toBeVisible();
  await screenshot(page, testInfo, "usage");
  await expectAccessible(page, testInfo, "usage");

  // An assistant's row: its usage per API key, with the assistant as an active filter.
  await deskRow.getByRole("link", { name: new RegExp(deskName) }).click();
  await expect(page).toHaveURL(new RegExp(`\\?group_by=key&assistant_id=${desk}$`));
  const byKey = page.getByRole("table", { name: "Usage by API key" });
  const keyRow = byKey.getByRole("row").filter({ hasText: keyName });
  await expect(requestsCell(keyRow)).toHaveText("2");
  await expect(requestsCell(byKey.getByRole("row").filter({ hasText: "No API key" }))).toHaveText("1");
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals.getByRole("definition").first()).toHaveText("3");
  const filters = page.getByRole("list", { name: "Active filters" });
  await expect(filters).toContainText(`Assistant: ${deskName}`);

  // The export links carry the view; the CSV holds its rows.
  const csvLink = page.getByRole("link", { name: "Export CSV" });
  await expect(csvLink).toHaveAttribute(
    "href",
    new RegExp(`^/admin/usage/export\\?format=csv&from=.+&to=.+&group_by=key&assistant_id=${desk}$`),
  );
  await expect(page.getByRole("link", { name: "Export JSON" })).toHaveAttribute("href", /\?format=json&/);
  const download = page.waitForEvent("download");
  await csvLink.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^usage-by-key-.*\.csv$/);
  const rows = parse<Record<string, string>>(readFileSync(await file.path(), "utf8"), { columns: true });
  expect(rows.map((row) => [row.key, row.requests]).sort()).toEqual([
    ["", "1"],
    [key.id, "2"],
  ]);
  await expectAccessible(page, testInfo, "usage-by-key");

  // The key's row: its usage per end user (the assistant stays filtered); Back goes up a level.
  await keyRow.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`\\?group_by=user&assistant_id=${desk}&api_key_id=${key.id}$`));
  const byUser = page.getByRole("table", { name: "Usage by end user" });
  await expect(requestsCell(byUser.getByRole("row").filter({ hasText: "dora" }))).toHaveText("2");
  await screenshot(page, testInfo, "usage-by-user");
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?group_by=key&assistant_id=${desk}$`));
  await expect(requestsCell(keyRow)).toHaveText("2");

  // A reload shows the same view; a cleared filter leaves the address.
  const outcome = page.getByLabel("Outcome", { exact: true });
  await outcome.selectOption("completed");
  await expect(page).toHaveURL(/&outcome=completed$/);
  await page.reload();
  await expect(page.getByLabel("Group by", { exact: true })).toHaveValue("key");
  await expect(outcome).toHaveValue("completed");
  await expect(filters).toContainText("Outcome: Completed");
  await expect(requestsCell(keyRow)).toHaveText("2");
  await page.getByRole("button", { name: "Clear the assistant filter" }).click();
  await expect(page).toHaveURL(/\/console\/usage\?group_by=key&outcome=completed$/);
  await expect(filters).not.toContainText("Assistant");
  // Without the assistant, the key's row counts the other assistant's answer too.
  await expect(requestsCell(keyRow)).toHaveText("3");

  // Filters that match nothing say so, and offer to clear them.
  await outcome.selectOption("cancelled");
  await page.getByLabel("Assistant", { exact: true }).selectOption(desk);
  await expect(page.getByRole("heading", { name: "No usage in this range" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/console\/usage\?group_by=key$/);

  // From the assistant's pages, and from the API keys page.
  await page.goto(`/console/assistants/${desk}`);
  await page.getByRole("navigation", { name: "Assistant" }).getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/usage\\?assistant_id=${desk}&group_by=key$`));
  await expect(requestsCell(keyRow)).toHaveText("2");
  await page.goto("/console/api-keys");
  await page.getByRole("row").filter({ hasText: keyName }).getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(new RegExp(`/console/usage\\?api_key_id=${key.id}&group_by=assistant$`));
  await expect(byAssistant.getByRole("row")).toHaveCount(3);
  await expect(requestsCell(deskRow)).toHaveText("2");
  await api.delete(`/admin/api-keys/${key.id}`);
});

test("a price set on a backend in the console turns the answers after it into cost", async ({
  page,
  api,
}, testInfo) => {
  test.slow();
  // A backend of this test's own, so that its prices price nothing else.
  const llm = await startSimulatedBackend(api, newUniqueId("usage-sim"));
  try {
    const desk = await createAssistant(api, newUniqueId("ui-usage-cost"), {
      name: "Priced desk",
      model: llm.model,
    });

    await page.goto("/console/backends");
    const row = page
      .getByRole("table", { name: "Backends" })
      .getByRole("row")
      .filter({ hasText: llm.backend.name });
    await row.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${llm.backend.name}` });
    const input = edit.getByLabel("USD per 1M input tokens", { exact: true });
    await input.fill("abc");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByText("Enter a number")).toBeVisible();
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await input.fill("100");
    await edit.getByLabel("USD per 1M output tokens", { exact: true }).fill("1000");
    await screenshot(page, testInfo, "backend-prices");
    await expectAccessible(page, testInfo, "backend-prices");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("Prices: $100.00 / 1M in · $1,000.00 / 1M out");
    const stored = (await (await api.get(`/admin/backends/${llm.backend.id}`)).json()) as { prices: unknown };
    expect(stored.prices).toEqual({ input_per_million: 100, output_per_million: 1000, gpu_hour: null });

    await ask(api, desk, { message: "What does this cost?" });
    await expect
      .poll(async () => (await usageOf(api, { assistant_id: desk })).totals.cost)
      .toBeGreaterThan(0);
    const report = await usageOf(api, { assistant_id: desk });
    const { prompt_tokens: tokensIn, completion_tokens: tokensOut } = report.totals;
    expect(report.priced).toBe(true);
    expect(report.totals.cost).toBeCloseTo((tokensIn * 100 + tokensOut * 1000) / 1_000_000, 5);
    // Enough tokens for a sum in cents (the page writes smaller sums with more decimals).
    expect(report.totals.cost).toBeGreaterThanOrEqual(0.01);
    const cost = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(
      report.totals.cost,
    );

    await page.goto(`/console/usage?assistant_id=${desk}&group_by=model`);
    const totals = page.getByRole("region", { name: "Totals" });
    await expect(totals.getByRole("term").filter({ hasText: "Cost" })).toBeVisible();
    await expect(totals.getByText(cost, { exact: true })).toBeVisible();
    const table = page.getByRole("table", { name: "Usage by model" });
    await expect(table.getByRole("columnheader", { name: "Cost" })).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: llm.model }).getByRole("cell").last()).toHaveText(
      cost,
    );
    await screenshot(page, testInfo, "usage-cost");
    await expectAccessible(page, testInfo, "usage-cost");
  } finally {
    await llm.stop();
  }
});
