// An assistant's conversations as data in the console: the Sessions page downloads what it shows
// (CSV, with its end-user filter, through the REST export and the session cookie), the End users
// tab erases one end user after a confirmation, and the assistant's settings set its retention.
// Axe on the pages it changes.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";

test.describe("conversation data", () => {
  test("export what the list shows, erase an end user, keep sessions for so many days", async ({
    page,
    api,
  }, testInfo) => {
    test.setTimeout(90_000);
    const id = await createAssistant(api, newUniqueId("ui-data"), { name: "Data", model: SIM_MODEL });
    for (const [user, message] of [
      ["alice", "Where is my parcel, please?"],
      ["bob", "When do you open?"],
    ] as const) {
      const asked = await api.post(`/assistants/${id}/ask`, { data: { message, user } });
      expect(asked.status(), await asked.text()).toBe(200);
    }

    await page.goto(`/console/assistants/${id}/sessions?user=alice`);
    const csvLink = page.getByRole("link", { name: "Export CSV" });
    await expect(csvLink).toHaveAttribute("href", `/assistants/${id}/sessions/export?format=csv&user=alice`);
    await expect(page.getByRole("link", { name: "Export JSONL" })).toBeVisible();
    const download = page.waitForEvent("download");
    await csvLink.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^sessions-${id}-\\d{8}T\\d{6}Z\\.csv$`));
    const rows = parse<Record<string, string>>(readFileSync(await file.path(), "utf8"), { columns: true });
    expect(rows.map((row) => [row.user, row.role])).toEqual([
      ["alice", "user"],
      ["alice", "assistant"],
    ]);
    await expectAccessible(page, testInfo, "sessions-export");

    await page.getByRole("tab", { name: "End users" }).click();
    const table = page.getByRole("table", { name: "End users" });
    await expect(table.getByRole("row")).toHaveCount(3);
    await table.getByRole("row").filter({ hasText: "alice" }).getByRole("button", { name: "Erase" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Erase this end user?" });
    await expect(dialog).toContainText("alice");
    await screenshot(page, testInfo, "erase-end-user");
    await expectAccessible(page, testInfo, "erase-end-user");
    await dialog.getByRole("button", { name: "Erase" }).click();
    await expect(page.getByText("End user erased: 1 session, 2 messages deleted")).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).not.toContainText("alice");
    const users = (await (await api.get(`/assistants/${id}/users`)).json()) as { data: { id: string }[] };
    expect(users.data.map((user) => user.id)).toEqual(["bob"]);

    await page.goto(`/console/assistants/${id}`);
    const retention = page.getByLabel("Keep sessions for (days)");
    await expect(retention).toHaveValue("");
    await retention.fill("90");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(
        async () =>
          ((await (await api.get(`/admin/assistants/${id}`)).json()) as { retention_days: unknown })
            .retention_days,
      )
      .toBe(90);
  });
});
