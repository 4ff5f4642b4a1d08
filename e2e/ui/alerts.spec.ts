// The Alerts page: an admin adds a webhook in the console and sends it a test message (the outcome
// shows on the page and the receiver in this process gets it), then edits it (renamed, signed, its
// URL kept); a backend pointed at a dead port goes down, its alert fires, shows under "Firing now"
// and in the history, and reaches the webhook once; the admin changes the rule's threshold in its
// form, adds a rule of their own for one assistant (shown by its name), and deletes it (built-in
// rules have no Delete). Screenshots light and dark, and axe. Alerts are global and other specs
// leave dead backends about, so only this spec's rule counts.
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
  const editedHookName = `${hookName} (edited)`;
  const assistantId = newUniqueId("alerted-assistant");
  const assistantName = `Support desk ${assistantId.slice(-6)}`;
  const assistant = await api.post("/admin/assistants", { data: { id: assistantId, name: assistantName } });
  expect(assistant.status(), await assistant.text()).toBe(201);
  const customRuleName = `Errors of ${assistantName}`;
  const rulesTable = () => page.getByRole("table", { name: "Alert rules" });
  const ruleRow = () => rulesTable().getByRole("row").filter({ hasText: ruleName });
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
    // (In the Webhooks section: a toast naming the webhook is a list item too.)
    const webhooks = page.getByRole("region", { name: "Webhooks" });
    const row = webhooks.getByRole("listitem").filter({ hasText: hookName });
    await row.getByRole("button", { name: "Send test" }).click();
    await expect(row.getByText(/Test delivered: the webhook answered 204/)).toBeVisible();
    baseExpect(receiver.received.filter((hook) => hook.body.event === "test")).toHaveLength(1);

    // Edit it: the URL is not shown (empty keeps it); renamed and given a secret, it signs its tests.
    await row.getByRole("button", { name: "Edit" }).click();
    const editHook = page.getByRole("dialog", { name: `Edit the webhook “${hookName}”` });
    await expect(editHook.getByLabel("Webhook URL")).toHaveValue("");
    await expect(editHook.getByLabel("Post alerts to this webhook")).toBeChecked();
    await editHook.getByLabel("Name").fill(editedHookName);
    await editHook.getByLabel("Signing secret").fill("short");
    await editHook.getByRole("button", { name: "Save webhook" }).click();
    await expect(editHook.getByText("16 to 256 characters, or none")).toBeVisible();
    await editHook.getByLabel("Signing secret").fill("e2e-console-secret-0123456789");
    await screenshot(page, testInfo, "alerts-edit-webhook");
    await editHook.getByRole("button", { name: "Save webhook" }).click();
    await expect(editHook).toBeHidden();
    const editedRow = webhooks.getByRole("listitem").filter({ hasText: editedHookName });
    await expect(editedRow).toContainText("Signed");
    await editedRow.getByRole("button", { name: "Send test" }).click();
    await expect(editedRow.getByText(/Test delivered: the webhook answered 204/)).toBeVisible();
    const tests = receiver.received.filter((hook) => hook.body.event === "test");
    baseExpect(tests).toHaveLength(2);
    baseExpect(tests[1]!.headers["x-hearth-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

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

    // A rule of one's own for one assistant, picked by name; a kind brings its usual values.
    await page.getByRole("button", { name: "New rule" }).click();
    const newRule = page.getByRole("dialog", { name: "New alert rule" });
    await newRule.getByLabel("Kind").selectOption("backend_down");
    await expect(newRule.getByLabel("Seconds down")).toHaveValue("60");
    await expect(newRule.getByLabel("Backend")).toBeVisible();
    await newRule.getByLabel("Kind").selectOption("error_rate");
    await expect(newRule.getByLabel("Highest error rate (%)")).toHaveValue("20");
    await newRule.getByLabel("Name").fill(customRuleName);
    await newRule.getByLabel("Assistant").selectOption({ label: `${assistantName} (${assistantId})` });
    await newRule.getByLabel("Highest error rate (%)").fill("150");
    await newRule.getByRole("button", { name: "Add rule" }).click();
    await expect(newRule.getByText("Between 1% and 100%")).toBeVisible();
    await newRule.getByLabel("Highest error rate (%)").fill("25");
    await screenshot(page, testInfo, "alerts-new-rule");
    await newRule.getByRole("button", { name: "Add rule" }).click();
    await expect(newRule).toBeHidden();
    const customRow = rulesTable().getByRole("row").filter({ hasText: customRuleName });
    await expect(customRow).toContainText("Above 25% of answers failed");
    // The scope by the assistant's name, its id beside it.
    const scopeCell = customRow.getByRole("cell").nth(2);
    await expect(scopeCell).toContainText(assistantName);
    await expect(scopeCell).toContainText(assistantId);
    await screenshot(page, testInfo, "alerts-custom-rule");
    await expectAccessible(page, testInfo, "alerts-custom-rule");

    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await screenshot(page, testInfo, "alerts-dark");
    await expectAccessible(page, testInfo, "alerts-dark");
    await page.emulateMedia({ colorScheme: "light" });
    // Still one firing message: the alert was opened once.
    baseExpect(mine()).toHaveLength(1);

    // Built-in rules cannot be deleted; the rule of one's own can, after a confirmation.
    const builtIn = rulesTable()
      .getByRole("row")
      .filter({ has: page.locator("#rule-error_rate") });
    await expect(builtIn.getByRole("button", { name: "Edit" })).toBeVisible();
    await expect(builtIn.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await customRow.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Delete the rule “${customRuleName}”?` });
    await confirm.getByRole("button", { name: "Delete rule" }).click();
    await expect(confirm).toBeHidden();
    await expect(customRow).toHaveCount(0);
  } finally {
    await api.delete(`/admin/alerts/rules/${rule.id}`);
    const rules = (await (await api.get("/admin/alerts/rules")).json()) as {
      data: Array<{ id: string; name: string }>;
    };
    for (const custom of rules.data.filter((entry) => entry.name === customRuleName)) {
      await api.delete(`/admin/alerts/rules/${custom.id}`);
    }
    const hooks = (await (await api.get("/admin/alerts/destinations")).json()) as {
      data: Array<{ id: string; name: string }>;
    };
    for (const hook of hooks.data.filter((entry) => entry.name.startsWith(hookName))) {
      await api.delete(`/admin/alerts/destinations/${hook.id}`);
    }
    await api.delete(`/admin/backends/${backendId}`);
    await api.delete(`/admin/assistants/${assistantId}`);
    await receiver.close();
  }
});
