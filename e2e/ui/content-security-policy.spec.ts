// The console under its Content-Security-Policy (server/http/security-headers.ts), in a real
// browser: the login page, every page of the navigation, an assistant's pages with an answer
// streamed in the playground, the dashboard's charts (recharts) and the API reference (Scalar,
// whose bundle is served by Hearth). Each page must come up working, hydrated by React, and the
// browser must report no violation of the policy, the one check Scalar's own zod makes excepted
// (see isScalarEvalProbe). The headers themselves are e2e/api/security-headers.spec.ts's.
import type { Page } from "@playwright/test";
import { newUniqueId, test as signedOutTest } from "../fixtures";
import { adminTest as test, expect } from "../support/console";
import { expectNoCspViolation, isScalarEvalProbe, recordCspViolations } from "../support/csp";
import { SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";

/** React has hydrated the page: its main heading is a node React manages. */
async function expectHydrated(page: Page) {
  const heading = page.getByRole("heading", { level: 1 }).first();
  await expect(heading).toBeVisible();
  await expect
    .poll(() => heading.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__react"))))
    .toBe(true);
}

/** Lets the page's pending tasks (and the violations they reported) reach the test. */
async function settle(page: Page) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

signedOutTest("the login page works with no violation, its form checked by zod", async ({ page }) => {
  const violations = await recordCspViolations(page);
  await page.goto("/console/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectHydrated(page);
  // The form checks its input on the client (zod) and sends nothing.
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("x");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page).toHaveURL(/\/console\/login$/);
  await settle(page);
  expectNoCspViolation(violations, "/console/login");
});

test.describe("the console under its Content-Security-Policy", () => {
  test("every page of the navigation works with no violation", async ({ page }) => {
    const violations = await recordCspViolations(page);
    const pages: [string, string][] = [
      ["/console", "Overview"],
      ["/console/assistants", "Assistants"],
      ["/console/assistants/new", "New assistant"],
      ["/console/backends", "Backends"],
      ["/console/loadtests", "Load tests"],
      ["/console/capacity", "Capacity"],
      ["/console/api-keys", "API keys"],
      ["/console/users", "Users"],
      ["/console/settings", "Settings"],
    ];
    for (const [path, title] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expectHydrated(page);
      await settle(page);
      expectNoCspViolation(violations, path);
    }
    // A client-side navigation and the theme (set by the inline script, then by React).
    await page
      .getByRole("link", { name: "Assistants", exact: true })
      .filter({ visible: true })
      .first()
      .click();
    await expect(page).toHaveURL(/\/console\/assistants$/);
    await page.getByRole("combobox", { name: "Color theme" }).filter({ visible: true }).selectOption("dark");
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await settle(page);
    expectNoCspViolation(violations, "navigation and theme");
  });

  test("an assistant's pages, and an answer streamed in the playground", async ({ page, api }) => {
    const id = await createAssistant(api, newUniqueId("ui-csp"), { name: "Policy helper", model: SIM_MODEL });
    const violations = await recordCspViolations(page);
    for (const tab of ["", "/knowledge", "/sessions", "/widget", "/playground"]) {
      await page.goto(`/console/assistants/${id}${tab}`);
      await expectHydrated(page);
      await settle(page);
      expectNoCspViolation(violations, `/console/assistants/{id}${tab}`);
    }
    await page.getByLabel("Message", { exact: true }).fill("Hello under a strict policy");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const answer = page
      .getByRole("log", { name: "Conversation" })
      .getByRole("article", { name: "Assistant message" })
      .last();
    await expect(answer).toBeVisible({ timeout: 20_000 });
    await expect(answer).not.toHaveAttribute("aria-busy", "true", { timeout: 20_000 });
    await settle(page);
    expectNoCspViolation(violations, "the playground's answer");
  });

  test("the dashboard draws its charts with no violation", async ({ page }) => {
    const violations = await recordCspViolations(page);
    await page.goto("/console/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Response time, all assistants" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Requests, all assistants" })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await expectHydrated(page);
    await settle(page);
    expectNoCspViolation(violations, "/console/dashboard");
  });

  test("the API reference loads Scalar and the OpenAPI document, reaching nothing else", async ({ page }) => {
    const violations = await recordCspViolations(page);
    const outside: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== "localhost") outside.push(request.url());
    });
    const document = page.waitForResponse((response) => new URL(response.url()).pathname === "/openapi.json");
    await page.goto("/console/api-reference");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
    expect((await document).status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Hearth API" }).first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText("Could not load the API reference viewer")).toHaveCount(0);
    await settle(page);
    expectNoCspViolation(violations, "/console/api-reference", isScalarEvalProbe);
    expect(outside, "requests to other hosts").toEqual([]);
  });
});
