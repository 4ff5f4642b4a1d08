// Quotas in the console: a runtime key made in the create dialog with 2 requests per minute is
// refused its third question over REST (429, Retry-After, the quota named); the API keys page then
// shows the key's use against its quota, in its row and in the "Edit quotas" dialog, where the
// limit is cleared. An assistant's end-user quotas are set in its form and are still there after a
// reload. Screenshots and axe of the dialogs, the page and the form.
import type { APIRequestContext } from "@playwright/test";
import { bearer, expectApiError, newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { createAssistant } from "../support/runtime-api";

type Quotas = Record<
  "requests_per_minute" | "tokens_per_day" | "tokens_per_month" | "concurrent_streams" | "cost_per_month",
  number | null
>;

const NONE: Quotas = {
  requests_per_minute: null,
  tokens_per_day: null,
  tokens_per_month: null,
  concurrent_streams: null,
  cost_per_month: null,
};

/** The quotas of the key of that name, as GET /admin/api-keys lists it. */
async function quotasOfKey(api: APIRequestContext, name: string): Promise<Quotas | undefined> {
  const response = await api.get("/admin/api-keys", { params: { limit: 100 } });
  expect(response.status(), await response.text()).toBe(200);
  const keys = ((await response.json()) as { data: Array<{ name: string; quotas: Quotas }> }).data;
  return keys.find((key) => key.name === name)?.quotas;
}

test("a key's requests per minute: set in the console, enforced over REST, shown, then cleared", async ({
  page,
  api,
  request,
}, testInfo) => {
  const assistant = await createAssistant(api, newUniqueId("ui-quota"));
  const keyName = newUniqueId("quota-key");

  await page.goto("/console/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name", { exact: true }).fill(keyName);
  await create.getByRole("checkbox", { name: new RegExp(assistant) }).check();
  const quotasToggle = create.getByRole("button", { name: /^Quotas/ });
  await expect(quotasToggle).toHaveAttribute("aria-expanded", "false");
  await quotasToggle.click();
  await expect(quotasToggle).toHaveAttribute("aria-expanded", "true");
  // An invalid limit is refused in the form, on its field.
  await create.getByLabel("Requests per minute").fill("0");
  await create.getByRole("button", { name: "Create API key" }).click();
  await expect(create.getByText("At least 1")).toBeVisible();
  await create.getByLabel("Requests per minute").fill("2");
  await expect(quotasToggle).toContainText("1 set");
  await screenshot(page, testInfo, "create-key-quotas");
  await expectAccessible(page, testInfo, "create-key-quotas");
  await create.getByRole("button", { name: "Create API key" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Your new API key" });
  const secret = await secretDialog.getByLabel(/^Secret key for/).inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await secretDialog.getByRole("button", { name: "Done" }).click();
  expect(await quotasOfKey(api, keyName)).toEqual({ ...NONE, requests_per_minute: 2 });
  const row = page.getByRole("row").filter({ hasText: keyName });
  await expect(row).toBeVisible();

  // Over REST: two questions answered, the third refused by the key's quota.
  const ask = () =>
    request.post(`/assistants/${assistant}/ask`, { headers: bearer(secret), data: { message: "Hello?" } });
  expect((await ask()).status()).toBe(200);
  expect((await ask()).status()).toBe(200);
  const refused = await ask();
  const body = await expectApiError(refused, 429, "RATE_LIMITED");
  expect(body.error.details).toMatchObject({ quota: "requests_per_minute" });
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);

  // The key's use against its quota: in its row, and in the dialog with when it resets. The list
  // asks for the use of all its keys in one request, and fits a 1280 px window without scrolling.
  const quotaReads: string[] = [];
  page.on("request", (sent) => {
    if (sent.url().includes("apiKeys.quotaUsage")) quotaReads.push(decodeURIComponent(sent.url()));
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await expect(row.getByRole("list", { name: `Use of the quotas of ${keyName}` })).toHaveText(
    "2 of 2 requests this minute",
  );
  expect(quotaReads.length).toBeGreaterThan(0);
  expect(quotaReads.filter((url) => /apiKeys\.quotaUsage(?!Many)/.test(url))).toEqual([]);
  const table = page.getByRole("table", { name: "API keys" });
  expect(
    await table.evaluate(
      (element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth,
    ),
  ).toBe(0);
  await screenshot(page, testInfo, "api-keys-quota-use");
  await expectAccessible(page, testInfo, "api-keys-quota-use");

  await row.getByRole("button", { name: "Edit quotas" }).click();
  const edit = page.getByRole("dialog", { name: `Quotas of “${keyName}”` });
  const use = edit.getByRole("list", { name: `Use of the quotas of ${keyName}` });
  await expect(use).toContainText("Requests per minute");
  await expect(use).toContainText("2 of 2 requests this minute");
  await expect(use).toContainText("Resets");
  const limit = edit.getByLabel("Requests per minute");
  await expect(limit).toHaveValue("2");
  await screenshot(page, testInfo, "edit-quotas");
  await expectAccessible(page, testInfo, "edit-quotas");

  await limit.fill("");
  await edit.getByRole("button", { name: "Save quotas" }).click();
  await expect(page.getByText(`Saved the quotas of “${keyName}”`)).toBeVisible();
  await expect(edit).toBeHidden();
  await expect(row.getByRole("list", { name: `Use of the quotas of ${keyName}` })).toBeHidden();
  expect(await quotasOfKey(api, keyName)).toEqual(NONE);
  // No limit now: the key is answered again within the same minute.
  expect((await ask()).status()).toBe(200);
});

test("an assistant's end-user quotas are set in its form and kept", async ({ page, api }, testInfo) => {
  const id = await createAssistant(api, newUniqueId("ui-quota"));
  await page.goto(`/console/assistants/${id}`);
  const form = page.getByRole("form", { name: "Assistant settings" });
  await expect(form.getByRole("heading", { name: "End-user quotas" })).toBeVisible();
  const perMinute = form.getByLabel("Requests per minute");
  const perDay = form.getByLabel("Tokens per day");
  await expect(perMinute).toHaveValue("");
  await perMinute.fill("3");
  await perDay.fill("5000");
  await form.getByLabel("Cost per month (USD)").fill("1.5");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect
    .poll(
      async () =>
        ((await (await api.get(`/admin/assistants/${id}`)).json()) as { end_user_quotas: Quotas })
          .end_user_quotas,
    )
    .toEqual({ ...NONE, requests_per_minute: 3, tokens_per_day: 5000, cost_per_month: 1.5 });

  await page.reload();
  await expect(perMinute).toHaveValue("3");
  await expect(perDay).toHaveValue("5000");
  await expect(form.getByLabel("Cost per month (USD)")).toHaveValue("1.5");
  await screenshot(page, testInfo, "assistant-end-user-quotas");
  await expectAccessible(page, testInfo, "assistant-end-user-quotas");
});
