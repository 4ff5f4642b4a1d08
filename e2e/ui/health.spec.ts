// Health everywhere: with the only backend of an assistant's model down (nothing listens on its
// port), the Overview says "down" with the reason instead of "enabled", a banner across the console
// names assistants whose questions now fail, the assistants list and the assistant's own pages
// show its model unreachable and why, and the dashboard's backend table shows the backend's health.
// Once the assistant moves to a served model, the banner goes. Light and dark, with axe.
import { newUniqueId } from "../fixtures";
import { SIM_MODEL } from "../support/env";
import { adminTest as test, expect, inLightAndDark, screenshot } from "../support/console";

test.describe("health everywhere", () => {
  test("a down backend shows on the Overview, in a banner, on the assistant and on the dashboard", async ({
    page,
    api,
  }, testInfo) => {
    test.slow();
    const model = newUniqueId("down-model");
    const backendName = newUniqueId("down-backend");
    const assistantId = newUniqueId("stranded");
    const backend = (await (
      await api.post("/admin/backends", {
        data: {
          name: backendName,
          kind: "openai_compatible",
          base_url: "http://127.0.0.1:9/v1",
          models: [model],
        },
      })
    ).json()) as { id: string };
    expect(
      (
        await api.post("/admin/assistants", {
          data: { id: assistantId, name: assistantId, model, instructions: "Hi." },
        })
      ).status(),
    ).toBe(201);
    try {
      // Connection refused three times in a row ejects it: a few probe rounds.
      await expect
        .poll(
          async () => {
            const list = (await (await api.get("/admin/backends")).json()) as {
              data: { id: string; health: { state: string } | null }[];
            };
            return list.data.find((entry) => entry.id === backend.id)?.health?.state;
          },
          { timeout: 30_000 },
        )
        .toBe("down");
      await page.goto("/console");
      // The card lists five, those needing attention first: other specs' dead backends may come
      // before this one, but a down one with its reason always shows.
      const downLine = page
        .getByRole("list", { name: "Backends" })
        .getByRole("listitem")
        .filter({ has: page.getByText("Down", { exact: true }) })
        .first();
      await expect(downLine).toBeVisible({ timeout: 30_000 });
      await expect(downLine).toContainText(/connection refused|ECONNREFUSED|Could not connect/i);
      await expect(page.getByText(/ of \d+ enabled · .*\d+ down/)).toBeVisible();

      const banner = page.getByRole("region", { name: "Assistants without a model" });
      await expect(banner).toBeVisible({ timeout: 20_000 });
      // It names up to three (other specs' assistants may be stranded too), each with its reason.
      await expect(banner).toContainText(/no reachable model/);
      await expect(banner.getByRole("listitem").first()).toContainText(
        /: .*(is down|No enabled backend serves)/,
      );
      expect(await banner.getByRole("listitem").count()).toBeLessThanOrEqual(3);
      await expect(page.getByTestId("overview-assistants-serving")).toContainText(/no reachable model/);
      await inLightAndDark(page, testInfo, "overview-backend-down");

      await page.goto(`/console/assistants?q=${assistantId}`);
      await expect(page.getByTestId(`serving-${assistantId}`)).toContainText("Model unreachable");
      await expect(page.getByTestId(`serving-${assistantId}`)).toContainText(`${backendName} is down`);
      await screenshot(page, testInfo, "assistants-unreachable");

      await page.goto(`/console/assistants/${assistantId}`);
      const strip = page.getByRole("region", { name: "Model health" });
      await expect(strip).toContainText("Model unreachable");
      await expect(strip.getByRole("list", { name: "Backends serving this assistant" })).toContainText(
        `${backendName}Down`,
      );
      await expect(strip.getByRole("link", { name: "Check each backend" })).toBeVisible();
      await inLightAndDark(page, testInfo, "assistant-unreachable");

      await page.goto("/console/dashboard");
      const health = page.getByTestId(`traffic-health-${backendName}`);
      await expect(health).toContainText("Down");
      await expect(health).toContainText(/connection refused|ECONNREFUSED|Could not connect/i);
      await screenshot(page, testInfo, "dashboard-backend-down");

      // Moved to the model the simulator serves: healthy, and no banner about it any more.
      await api.post(`/admin/assistants/${assistantId}`, { data: { model: SIM_MODEL } });
      await page.goto(`/console/assistants/${assistantId}`);
      await expect(strip).toContainText("Model healthy");
      await expect(
        page
          .getByRole("region", { name: "Assistants without a model" })
          .getByRole("link", { name: assistantId }),
      ).toHaveCount(0);
    } finally {
      await api.delete(`/admin/assistants/${assistantId}`);
      await api.delete(`/admin/backends/${backend.id}`);
    }
  });
});
