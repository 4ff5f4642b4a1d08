// The console in a real browser: sign-in and its failures, creating an assistant in the UI and
// reading it back through the REST API, what a viewer may see and do (the server refuses the rest),
// screenshots of the main pages, and an accessibility check (axe) of the key screens.
import { expect, newUniqueId, test } from "../fixtures";
import { expectAccessible, screenshot, signIn } from "../support/console";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../support/env";

test.describe("signed out", () => {
  test("/console and its pages redirect to /console/login", async ({ page }) => {
    for (const path of ["/console", "/console/assistants", "/console/assistants/new", "/console/users"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/console\/login$/);
    }
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows an error and keeps the user on the login page", async ({ page }, testInfo) => {
    await page.goto("/console/login");
    await page.getByLabel("Email", { exact: true }).fill(ADMIN_EMAIL);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    // (Next's route announcer is an empty role=alert too; the form's alert is the one with text.)
    await expect(page.getByRole("alert").filter({ hasText: /wrong email or password/i })).toBeVisible();
    await expect(page).toHaveURL(/\/console\/login$/);
    await screenshot(page, testInfo, "login-error");
  });

  test("the login page is accessible", async ({ page }, testInfo) => {
    await page.goto("/console/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await screenshot(page, testInfo, "login");
    await expectAccessible(page, testInfo, "login");
  });
});

test.describe("admin", () => {
  test("creates an assistant in the console; the REST API returns it", async ({ page, api }, testInfo) => {
    const id = newUniqueId("ui");
    const input = { name: "Console-made assistant", model: "gpt-oss-20b", instructions: "Answer in French." };
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await screenshot(page, testInfo, "overview");

    await page.goto("/console/assistants");
    await page.getByRole("link", { name: "New assistant" }).click();
    await expect(page).toHaveURL(/\/console\/assistants\/new$/);
    await page.getByLabel("Id", { exact: true }).fill(id);
    await page.getByLabel("Name", { exact: true }).fill(input.name);
    await page.getByLabel("Model", { exact: true }).fill(input.model);
    await page.getByLabel("Instructions", { exact: true }).fill(input.instructions);
    await screenshot(page, testInfo, "assistant-form-filled");
    await page.getByRole("button", { name: "Create assistant" }).click();
    await expect(page).not.toHaveURL(/\/console\/assistants\/new$/, { timeout: 20_000 });
    await screenshot(page, testInfo, "assistant-created");

    const response = await api.get(`/admin/assistants/${id}`);
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toMatchObject({ id, ...input, enabled: true });

    await page.goto("/console/assistants");
    await expect(page.getByText(id).first()).toBeVisible();
    await screenshot(page, testInfo, "assistants-list");
  });

  test("the assistants list and the assistant form are accessible", async ({ page, api }, testInfo) => {
    // Something to list, so the table (not only the empty state) is checked.
    await api.post("/admin/assistants", { data: { id: newUniqueId("a11y"), name: "Accessible" } });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto("/console/assistants");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Accessible").first()).toBeVisible();
    await expectAccessible(page, testInfo, "assistants-list");

    await page.goto("/console/assistants/new");
    await expect(page.getByLabel("Id", { exact: true })).toBeVisible();
    await screenshot(page, testInfo, "assistant-form");
    await expectAccessible(page, testInfo, "assistant-form");
  });
});

test.describe("viewer", () => {
  test("sees no write actions, and the server refuses a write over tRPC", async ({
    browser,
    api,
  }, testInfo) => {
    const target = newUniqueId("viewer-sees");
    expect(
      (await api.post("/admin/assistants", { data: { id: target, name: "Seen by viewer" } })).status(),
    ).toBe(201);
    const viewer = {
      name: "Vera Viewer",
      email: `${newUniqueId("viewer")}@example.com`,
      password: "viewer-password-123",
    };

    // An admin creates the viewer on the Users page, then signs out.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.goto("/console/users");
    // "Create user" opens a dialog holding the form, whose submit button has the same name.
    await admin.getByRole("button", { name: "Create user" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("Name", { exact: true }).fill(viewer.name);
    await dialog.getByLabel("Email", { exact: true }).fill(viewer.email);
    await dialog.getByLabel("Password", { exact: true }).fill(viewer.password);
    await dialog.getByLabel("Role", { exact: true }).selectOption("viewer");
    await screenshot(admin, testInfo, "create-user-dialog");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByText(viewer.email).first()).toBeVisible();
    await screenshot(admin, testInfo, "users");
    await admin.getByRole("button", { name: "Sign out" }).click();
    await expect(admin).toHaveURL(/\/console\/login$/);
    await adminContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, viewer.email, viewer.password);

    await page.goto("/console/assistants");
    await expect(page.getByText(target).first()).toBeVisible();
    // The admin's way to the create form ("New assistant") is not offered, nor any create button.
    for (const name of ["New assistant", "Create assistant"]) {
      await expect(page.getByRole("link", { name })).toHaveCount(0);
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
    // (Exact: other specs' assistants, listed here, may have "users" in their ids.)
    await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
    await screenshot(page, testInfo, "assistants-list-viewer");

    await page.goto(`/console/assistants/${target}`);
    await expect(page.getByText("Seen by viewer").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await screenshot(page, testInfo, "assistant-viewer");

    // The UI hides the actions; the server is what refuses them.
    const read = await page.request.get(
      `/api/trpc/assistants.get?input=${encodeURIComponent(JSON.stringify({ json: { id: target } }))}`,
    );
    expect(read.status(), await read.text()).toBe(200);
    const write = await page.request.post("/api/trpc/assistants.create", {
      data: { json: { id: newUniqueId("viewer-write") } },
    });
    expect(write.status(), await write.text()).toBe(403);
    expect(
      ((await write.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code,
    ).toBe("FORBIDDEN");
    const remove = await page.request.post("/api/trpc/assistants.delete", { data: { json: { id: target } } });
    expect(remove.status()).toBe(403);
    expect((await api.get(`/admin/assistants/${target}`)).status()).toBe(200);
    await context.close();
  });
});
