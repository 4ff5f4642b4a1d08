// The Alerts page: an admin adds a webhook in the console and sends it a test message (the outcome
// shows on the page and the receiver in this process gets it); a backend pointed at a dead port
// goes down, its alert fires, shows under "Firing now" and in the history, and reaches the webhook
// once; the admin changes the rule's threshold in its form. Screenshots light and dark, and axe.
// Alerts are global and other specs leave dead backends about, so only this spec's rule counts.
import { expect as baseExpect } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { sampleBackend } from "../support/admin-operations";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { startWebhookReceiver } from "../support/webhook-receiver";

test("a backend down fires an alert shown in the console and posted to the webhook", async ({
  page,
  api,
}, testInfo) => {
  test.slow();
  const receiver = await startWebhookReceiver();
  const backendName = newUniqueId("alert-gpu");
  const backend = await api.post("/admin/backends", { data: sampleBackend(backendName) });
  expect(backend.status(), await backend.text()).toBe(201);
  const backendId = ((await backend.json()) as { id: string }).id;
  const ruleName = `Dead port ${backendName}`;
  const created = await api.post("/admin/alerts/rules", {
    data: { kind: "backend_down", name: ruleName, threshold: 2, backend_id: backendId },
  });
  expect(created.status(), await created.text()).toBe(201);
  const rule = (await created.json()) as { id: string };
  const hookName = newUniqueId("on-call");
  const ruleRow = () =>
    page.getByRole("table", { name: "Alert rules" }).getByRole("row").filter({ hasText: ruleName });
  const mine = () =>
    receiver.received.filter((hook) => (hook.body.alert as { rule_id?: string } | null)?.rule_id === rule.id);

  try {
    await page.goto("/console");
    await page
      .getByRole("navigation", { name: "Main" })
      .first()
      .getByRole("link", { name: "Alerts" })
      .click();
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    await expect(ruleRow()).toBeVisible();

    // A webhook, added in the form (a bad URL first), then tested from its row.
    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook" });
    await dialog.getByLabel("Name").fill(hookName);
    await dialog.getByLabel("Format").selectOption("generic");
    await dialog.getByLabel("Webhook URL").fill("ftp://nowhere");
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("must be an http:// or https:// URL")).toBeVisible();
    await dialog.getByLabel("Webhook URL").fill(receiver.url("/hearth"));
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("listitem").filter({ hasText: hookName });
    await row.getByRole("button", { name: "Send test" }).click();
    await expect(row.getByText(/Test delivered: the webhook answered 204/)).toBeVisible();
    baseExpect(receiver.received.filter((hook) => hook.body.event === "test")).toHaveLength(1);

    // The backend goes down (3 failed probes), the rule fires after 2 s: on the page and the webhook.
    const firing = page
      .getByRole("list", { name: "Firing alerts" })
      .getByRole("listitem")
      .filter({ hasText: ruleName });
    await expect(firing).toBeVisible({ timeout: 45_000 });
    await expect(firing).toContainText(backendName);
    await expect.poll(() => mine().length, { timeout: 15_000 }).toBe(1);
    baseExpect(mine()[0]!.body).toMatchObject({ event: "firing", alert: { subject_label: backendName } });
    await expect(
      page.getByRole("table", { name: "Alert history" }).getByRole("row").filter({ hasText: ruleName }),
    ).toContainText("Firing");
    await expect(firing).toContainText("delivered", { timeout: 10_000 });
    await screenshot(page, testInfo, "alerts-firing");
    await expectAccessible(page, testInfo, "alerts-firing");

    // Edit the rule: the threshold form refuses a fraction of a second, then saves.
    await ruleRow().getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("dialog", { name: `Edit “${ruleName}”` });
    await edit.getByLabel("Seconds down").fill("2.5");
    await edit.getByRole("button", { name: "Save rule" }).click();
    await expect(edit.getByText(/A whole number/)).toBeVisible();
    await edit.getByLabel("Seconds down").fill("5");
    await screenshot(page, testInfo, "alerts-edit-rule");
    await edit.getByRole("button", { name: "Save rule" }).click();
    await expect(edit).toBeHidden();
    await expect(ruleRow()).toContainText("down for 5 s or more");

    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await screenshot(page, testInfo, "alerts-dark");
    await expectAccessible(page, testInfo, "alerts-dark");
    await page.emulateMedia({ colorScheme: "light" });
    // Still one firing message: the alert was opened once.
    baseExpect(mine()).toHaveLength(1);
  } finally {
    await api.delete(`/admin/alerts/rules/${rule.id}`);
    const hooks = (await (await api.get("/admin/alerts/destinations")).json()) as {
      data: Array<{ id: string; name: string }>;
    };
    for (const hook of hooks.data.filter((entry) => entry.name === hookName)) {
      await api.delete(`/admin/alerts/destinations/${hook.id}`);
    }
    await api.delete(`/admin/backends/${backendId}`);
    await receiver.close();
  }
});
