// Setting a backend up from what it serves: the backend form's "Test connection" asks a simulator
// of the test's own for its models (GET /v1/models), the served models fill the form in a click
// and are saved; an address where nothing listens says why. The assistant form suggests the
// models the enabled backends serve and warns of one that none serves. The Backends table's row
// actions stay on screen at a laptop's width, a tablet's and a phone's. Screenshots and axe throughout.
import { startSimulator } from "../../server/simulator/start-simulator";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, inLightAndDark, screenshot } from "../support/console";

interface Backend {
  id: string;
  name: string;
  base_url: string | null;
  models: string[];
}

const UNSERVED_WARNING = "No enabled backend serves this model";

test.describe("backend setup", () => {
  test("tests the connection, fills the served models, and the assistant form suggests them", async ({
    page,
    api,
  }, testInfo) => {
    test.slow();
    const first = newUniqueId("setup-a");
    const second = newUniqueId("setup-b");
    const sim = await startSimulator({
      models: [first, second],
      embeddingModels: [],
      ttftMs: 5,
      tokensPerSecond: 1000,
      answerTokens: 5,
    });
    const name = newUniqueId("ui-setup");
    const byName = async () => {
      const list = (await (await api.get("/admin/backends")).json()) as { data: Backend[] };
      return list.data.find((backend) => backend.name === name);
    };
    try {
      await page.goto("/console/backends");
      await page.getByRole("button", { name: "Add backend" }).click();
      const dialog = page.getByRole("dialog", { name: "Add backend" });
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByLabel("Base URL", { exact: true }).fill(sim.baseUrl);
      await dialog.getByRole("button", { name: "Test connection" }).click();
      const status = dialog.getByRole("status");
      await expect(status).toHaveText(new RegExp(`^Connected in \\d+ ms — serves: ${first}, ${second}$`));

      // One model by its toggle, then both with "Use these models".
      const served = dialog.getByRole("list", { name: "Served models" });
      const models = dialog.getByLabel("Models", { exact: true });
      await served.getByRole("button", { name: first, pressed: false }).click();
      await expect(models).toHaveValue(first);
      await expect(served.getByRole("button", { name: first, pressed: true })).toBeVisible();
      await served.getByRole("button", { name: first }).click();
      await expect(models).toHaveValue("");
      await dialog.getByRole("button", { name: "Use these models" }).click();
      await expect(models).toHaveValue(`${first}, ${second}`);
      await expect(served.getByRole("button", { pressed: true })).toHaveCount(2);
      await inLightAndDark(page, testInfo, "backend-connected");

      // A new URL hides the answer about the old one.
      await dialog.getByLabel("Base URL", { exact: true }).fill(`${sim.baseUrl}/`);
      await expect(status).toBeEmpty();
      await expect(served).toBeHidden();
      await dialog.getByLabel("Base URL", { exact: true }).fill(sim.baseUrl);

      await dialog.getByRole("button", { name: "Add backend" }).click();
      await expect(dialog).toBeHidden();
      const row = page.getByRole("table", { name: "Backends" }).getByRole("row").filter({ hasText: name });
      await expect(row.getByRole("list", { name: "Models" })).toHaveText(`${first}${second}`);
      expect(await byName()).toMatchObject({ base_url: sim.baseUrl, models: [first, second] });

      // Nothing listens on the discard port: the check says so, and nothing is saved.
      await page.getByRole("button", { name: "Add backend" }).click();
      await dialog.getByLabel("Base URL", { exact: true }).fill("http://127.0.0.1:9/v1");
      await dialog.getByRole("button", { name: "Test connection" }).click();
      await expect(dialog.getByRole("status")).toContainText("Could not connect:");
      await expect(dialog.getByRole("list", { name: "Served models" })).toHaveCount(0);
      await inLightAndDark(page, testInfo, "backend-unreachable");
      // A URL the form refuses is not sent at all.
      await dialog.getByLabel("Base URL", { exact: true }).fill("ftp://127.0.0.1/v1");
      await dialog.getByRole("button", { name: "Test connection" }).click();
      await expect(dialog.getByText("must be an http:// or https:// URL")).toBeVisible();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();

      // The assistant form suggests the served models, and warns of a model no backend serves.
      await page.goto("/console/assistants/new");
      const model = page.getByLabel("Model", { exact: true });
      await expect(model).toHaveAttribute("list", "served-models");
      await expect(page.locator(`datalist#served-models > option[value="${first}"]`)).toHaveCount(1);
      const unserved = newUniqueId("nobody-serves");
      await model.fill(unserved);
      const warning = page.getByText(UNSERVED_WARNING);
      await expect(warning).toBeVisible();
      await expect(model).toHaveAccessibleDescription(new RegExp(UNSERVED_WARNING));
      await page.getByLabel("Fallback models", { exact: true }).fill(`${second}, ${unserved}`);
      await expect(
        page.getByText(`No enabled backend serves ${unserved}: skipped as a fallback`),
      ).toBeVisible();
      await inLightAndDark(page, testInfo, "assistant-unserved-model");
      await model.fill(first);
      await expect(warning).toBeHidden();
      await page.getByLabel("Fallback models", { exact: true }).fill(second);
      // In the form: the console's banner may name other specs' assistants whose models nobody serves.
      await expect(page.locator("form").getByText("No enabled backend serves")).toHaveCount(0);
    } finally {
      await sim.stop();
      const mine = await byName();
      if (mine) await api.delete(`/admin/backends/${mine.id}`);
    }
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
    { width: 390, height: 844 },
  ]) {
    test(`the backends table's actions are not clipped at ${viewport.width} px`, async ({
      page,
      api,
    }, testInfo) => {
      const sim = await startSimulator({ models: [newUniqueId("wide-model")], ttftMs: 5 });
      const name = newUniqueId("ui-actions");
      let id: string | undefined;
      try {
        const created = await api.post("/admin/backends", {
          data: {
            name,
            kind: "openai_compatible",
            base_url: sim.baseUrl,
            models: [newUniqueId("a-rather-long-model-name"), "qwen3-30b-a3b-instruct-2507"],
            api_key_env: "HEARTH_BACKEND_KEY_A_LONG_VARIABLE_NAME",
            max_concurrency: 8,
          },
        });
        expect(created.status(), await created.text()).toBe(201);
        id = ((await created.json()) as Backend).id;
        await page.setViewportSize(viewport);
        await page.goto("/console/backends");
        const row = page.getByRole("table", { name: "Backends" }).getByRole("row").filter({ hasText: name });
        await expect(row).toBeVisible();
        await row.scrollIntoViewIfNeeded();
        // The table fits its frame: nothing to scroll sideways to, nothing cut off.
        const table = page.getByRole("table", { name: "Backends" });
        expect(
          await table.locator("xpath=..").evaluate((frame) => frame.scrollWidth - frame.clientWidth),
        ).toBe(0);
        for (const action of ["Drain", "Disable", "Edit", "Delete"])
          await expect(row.getByRole("button", { name: action })).toBeInViewport({ ratio: 1 });
        await screenshot(page, testInfo, `backends-${viewport.width}`);
        await expectAccessible(page, testInfo, `backends-${viewport.width}`);
      } finally {
        await sim.stop();
        if (id) await api.delete(`/admin/backends/${id}`);
      }
    });
  }
});
