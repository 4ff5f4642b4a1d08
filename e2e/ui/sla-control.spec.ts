// The SLA section of the assistant form in a real browser: an operator turns SLA control to
// Degrade, applies a GPT-OSS preset to the degradation ladder, meets the empty-step error, removes
// and reorders steps, saves; the REST API and a reload show what was saved. Screenshots and axe.
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";

interface Sla {
  avg_ms: number;
  p95_ms: number | null;
  ttft_ms: number | null;
  control: "off" | "degrade" | "shed";
  degradation: Array<{ reasoning_effort?: string; max_output_tokens?: number; model?: string }>;
}

async function slaOf(api: APIRequestContext, id: string): Promise<Sla> {
  const response = await api.get(`/admin/assistants/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { sla: Sla }).sla;
}

/** The ladder's steps as the form shows them: [reasoning effort, max output tokens, model]. */
async function stepValues(ladder: Locator): Promise<string[][]> {
  const steps = ladder.getByRole("group", { name: /^Step \d+$/ });
  const values: string[][] = [];
  for (let n = 1; n <= (await steps.count()); n += 1) {
    values.push(
      await Promise.all(
        ["Reasoning effort", "Max output tokens", "Model"].map((field) =>
          ladder.getByLabel(`Step ${n} ${field}`, { exact: true }).inputValue(),
        ),
      ),
    );
  }
  return values;
}

function slaSection(page: Page) {
  const form = page.getByRole("form", { name: "Assistant settings" });
  const ladder = form.getByRole("group", { name: "Degradation ladder" });
  return {
    form,
    control: form.getByLabel("SLA control", { exact: true }),
    ladder,
    steps: ladder.getByRole("group", { name: /^Step \d+$/ }),
    save: form.getByRole("button", { name: "Save changes" }),
  };
}

test("an operator sets SLA control to Degrade with a preset ladder; it is saved", async ({
  page,
  api,
}, testInfo) => {
  const id = newUniqueId("sla-ui");
  const created = await api.post("/admin/assistants", {
    data: { id, name: "SLA-controlled", model: "gpt-oss-120b", generation: { reasoning_effort: "high" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const before = await slaOf(api, id);
  expect(before).toMatchObject({ control: "off", degradation: [] });

  await page.goto(`/console/assistants/${id}`);
  const { form, control, ladder, steps, save } = slaSection(page);
  await expect(control).toHaveValue("off");
  await control.selectOption("degrade");
  await expect(control).toHaveAccessibleDescription(/fewest ladder steps/);
  await expect(ladder.getByText("With no steps, Degrade can only refuse")).toBeVisible();

  // High effort on gpt-oss-120b: every preset is offered, the last one ending on gpt-oss-20b.
  await expect(ladder.getByRole("button", { name: "Reasoning, length, then gpt-oss-20b" })).toBeVisible();
  const preset = ladder.getByRole("button", { name: "Reasoning, then length" });
  await expect(preset).toHaveAccessibleDescription(
    "reasoning medium → reasoning low → max 1024 tokens → max 512 tokens",
  );
  await preset.click();
  expect(await stepValues(ladder)).toEqual([
    ["medium", "", ""],
    ["low", "", ""],
    ["", "1024", ""],
    ["", "512", ""],
  ]);

  await ladder.getByRole("button", { name: "Remove step 3" }).click();
  await expect(steps).toHaveCount(3);
  // Reorder and back: the buttons move the whole step.
  await ladder.getByRole("button", { name: "Move step 3 up" }).click();
  expect(await stepValues(ladder)).toEqual([
    ["medium", "", ""],
    ["", "512", ""],
    ["low", "", ""],
  ]);
  await ladder.getByRole("button", { name: "Move step 2 down" }).click();

  // A step that overrides nothing is refused on its row, and nothing is saved.
  await ladder.getByRole("button", { name: "Add step" }).click();
  await save.click();
  await expect(ladder.getByRole("group", { name: "Step 4" })).toHaveAccessibleDescription(
    "A step overrides at least one setting",
  );
  await screenshot(page, testInfo, "sla-empty-step");
  expect((await slaOf(api, id)).control).toBe("off");
  await ladder.getByRole("button", { name: "Remove step 4" }).click();
  await expect(ladder.getByText("A step overrides at least one setting")).toHaveCount(0);

  await save.click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  const degradation = [
    { reasoning_effort: "medium" },
    { reasoning_effort: "low" },
    { max_output_tokens: 512 },
  ];
  expect(await slaOf(api, id)).toEqual({ ...before, control: "degrade", degradation });

  // The console's own read (tRPC) and the form after a reload show the same.
  await page.reload();
  await expect(control).toHaveValue("degrade");
  await expect(steps).toHaveCount(3);
  expect(await stepValues(ladder)).toEqual([
    ["medium", "", ""],
    ["low", "", ""],
    ["", "512", ""],
  ]);
  const read = await page.request.get(
    `/api/trpc/assistants.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`,
  );
  expect(read.status(), await read.text()).toBe(200);
  expect(
    ((await read.json()) as { result: { data: { json: { sla: Sla } } } }).result.data.json.sla,
  ).toMatchObject({
    control: "degrade",
    degradation,
  });
  await expect(form).toBeVisible();
  await screenshot(page, testInfo, "sla-saved");
  await expectAccessible(page, testInfo, "assistant-sla");
});
