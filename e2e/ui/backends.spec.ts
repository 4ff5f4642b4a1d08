// The Backends page: an admin registers a model server through the dialog (refused first without
// its base URL), and the runtime then answers through it; edits its max concurrency, disables it
// (the runtime stops using it), and deletes it, each reflected in the table and the admin API.
// Screenshots and axe on the page and the dialog.
import { startSimulator } from "../../server/simulator/start-simulator";
import { bearer, newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { createAssistant } from "../support/runtime-api";

interface Backend {
  id: string;
  name: string;
  base_url: string | null;
  models: string[];
  max_concurrency: number;
  enabled: boolean;
  source: "env" | "admin";
}

const MODEL = "ui-test-model";

test.describe("backends", () => {
  test("adds, edits, disables and deletes a backend in the console", async ({
    page,
    api,
    runtimeKey,
  }, testInfo) => {
    // The console's longest walk (add, refuse, answer, edit, disable, delete, each checked in the
    // browser and over REST): on two busy cores beside the rest of the suite it can pass 60 s.
    test.slow();
    // A model server of this test's own, serving a model only it serves.
    const sim = await startSimulator({ models: [MODEL], ttftMs: 5, tokensPerSecond: 1000, answerTokens: 5 });
    try {
      const name = newUniqueId("ui-backend");
      const byName = async () => {
        const list = (await (await api.get("/admin/backends")).json()) as { data: Backend[] };
        return list.data.find((backend) => backend.name === name);
      };
      const assistant = await createAssistant(api, newUniqueId("ui-on-backend"), { model: MODEL });
      const ask = () =>
        api.post(`/assistants/${assistant}/ask`, {
          headers: bearer(runtimeKey.key),
          data: { message: "Hi" },
        });

      await page.goto("/console");
      await page
        .getByRole("navigation", { name: "Main" })
        .first()
        .getByRole("link", { name: "Backends" })
        .click();
      await expect(page).toHaveURL(/\/console\/backends$/);
      const table = page.getByRole("table", { name: "Backends" });
      await expect(table.getByRole("row").filter({ hasText: "env-llm" })).toBeVisible();
      await expectAccessible(page, testInfo, "backends");

      // Without a base URL, the form refuses and says which field is missing.
      await page.getByRole("button", { name: "Add backend" }).click();
      const dialog = page.getByRole("dialog", { name: "Add backend" });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByLabel("Kind", { exact: true }).selectOption("openai_compatible");
      await dialog.getByLabel("Models", { exact: true }).fill(MODEL);
      await dialog.getByLabel("Max concurrency", { exact: true }).fill("4");
      await dialog.getByRole("button", { name: "Add backend" }).click();
      const baseUrl = dialog.getByLabel("Base URL", { exact: true });
      await expect(dialog.getByText("Required for an OpenAI-compatible backend")).toBeVisible();
      await expect(baseUrl).toHaveAttribute("aria-invalid", "true");
      await expect(baseUrl).toBeFocused();
      await screenshot(page, testInfo, "add-backend-invalid");
      await expectAccessible(page, testInfo, "add-backend-dialog");
      expect(await byName()).toBeUndefined();

      await baseUrl.fill(sim.baseUrl);
      await dialog.getByRole("button", { name: "Add backend" }).click();
      await expect(dialog).toBeHidden();
      const row = table.getByRole("row").filter({ hasText: name });
      await expect(row).toBeVisible();
      await expect(row.getByRole("list", { name: "Models" })).toHaveText(MODEL);
      await expect(row).toContainText(sim.baseUrl);
      await expect(row.getByText("Healthy", { exact: true })).toBeVisible();
      await screenshot(page, testInfo, "backends");
      expect(await byName()).toMatchObject({
        base_url: sim.baseUrl,
        models: [MODEL],
        max_concurrency: 4,
        enabled: true,
        source: "admin",
      });
      // The runtime answers through it.
      const served = await ask();
      expect(served.status(), await served.text()).toBe(200);
      expect(((await served.json()) as { backend: string }).backend).toBe(name);
      expect(sim.stats().completed).toBe(1);

      // Edit: the max concurrency.
      await row.getByRole("button", { name: "Edit" }).click();
      const edit = page.getByRole("dialog", { name: `Edit ${name}` });
      await expect(edit.getByLabel("Base URL", { exact: true })).toHaveValue(sim.baseUrl);
      await edit.getByLabel("Max concurrency", { exact: true }).fill("3");
      await screenshot(page, testInfo, "edit-backend");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await expect(edit).toBeHidden();
      await expect(row.getByRole("cell").nth(2)).toHaveText("3");
      await expect(row).toContainText("0/3 in use");
      expect(await byName()).toMatchObject({ max_concurrency: 3, base_url: sim.baseUrl, models: [MODEL] });

      // Disable: the runtime has no backend for the model any more.
      await row.getByRole("button", { name: "Disable" }).click();
      await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
      await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();
      expect((await byName())?.enabled).toBe(false);
      const refused = await ask();
      expect(refused.status(), await refused.text()).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("NO_BACKEND");
      expect(sim.stats().requests).toBe(1);

      // Delete, after confirming.
      await row.getByRole("button", { name: "Delete" }).click();
      const confirm = page.getByRole("alertdialog", { name: `Delete ${name}?` });
      await confirm.getByRole("button", { name: "Delete" }).click();
      await expect(confirm).toBeHidden();
      await expect(row).toHaveCount(0);
      await expect(table.getByRole("row").filter({ hasText: "env-llm" })).toBeVisible();
      expect(await byName()).toBeUndefined();
    } finally {
      await sim.stop();
    }
  });

  test("shows health: drains and resumes a backend; a dead one goes down and comes back", async ({
    page,
    api,
  }, testInfo) => {
    const sim = await startSimulator({ models: [MODEL], ttftMs: 5, tokensPerSecond: 1000, answerTokens: 5 });
    let revived: Awaited<ReturnType<typeof startSimulator>> | null = null;
    const name = newUniqueId("ui-health");
    try {
      const created = await api.post("/admin/backends", {
        data: { name, kind: "openai_compatible", base_url: sim.baseUrl, models: [MODEL], max_concurrency: 2 },
      });
      expect(created.status(), await created.text()).toBe(201);
      await page.goto("/console/backends");
      const row = page.getByRole("table", { name: "Backends" }).getByRole("row").filter({ hasText: name });
      const health = row.getByTestId(`health-${name}`);
      await expect(health.getByText("Healthy", { exact: true })).toBeVisible();
      await expect(health).toContainText("0/2 in use");

      await row.getByRole("button", { name: "Drain" }).click();
      await expect(health.getByText("Draining", { exact: true })).toBeVisible();
      await expect(health).toContainText("no new requests");
      await row.getByRole("button", { name: "Resume" }).click();
      await expect(health.getByText("Healthy", { exact: true })).toBeVisible();

      // Killed: the probes (every 2 s) eject it after three failures; the page follows by itself.
      const port = sim.port;
      await sim.stop();
      await expect(health.getByText("Down", { exact: true })).toBeVisible({ timeout: 20_000 });
      await expect(health).toContainText("connection refused");
      await screenshot(page, testInfo, "backend-down");
      revived = await startSimulator({ models: [MODEL], ttftMs: 5, tokensPerSecond: 1000, port });
      await expect(health.getByText("Healthy", { exact: true })).toBeVisible({ timeout: 20_000 });
    } finally {
      await sim.stop().catch(() => undefined);
      await revived?.stop();
      const list = (await (await api.get("/admin/backends")).json()) as { data: Backend[] };
      const mine = list.data.find((backend) => backend.name === name);
      if (mine) await api.delete(`/admin/backends/${mine.id}`);
    }
  });
});
