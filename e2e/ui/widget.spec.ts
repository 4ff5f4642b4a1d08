// The embeddable widget, end to end: an operator enables it on the assistant's Widget tab with one
// allowed origin and copies the snippet; a page of that origin (a second local server, so the
// widget runs cross-origin as on a customer's site) opens the launcher, gets a streamed answer from
// the simulator, and still shows the conversation after a reload. A page of an origin that is not
// allowed gets no chat (the browser refuses to frame it), and a token of an origin removed later
// stops working on the very next request.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { BASE_URL, SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";

/** A tiny site on 127.0.0.1 (another origin than Hearth's localhost) that pastes the snippet. */
async function startSite(page: { snippet: string }): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Our shop</h1>${page.snippet}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const TOKEN = /hwt1\.[\w-]+\.[\w-]+/;

async function saveOrigins(page: Page, origins: string) {
  await page.getByLabel("Allowed origins").fill(origins);
  const saved = page.waitForResponse((response) => response.url().includes("widget.update"));
  await page.getByRole("button", { name: "Save widget settings" }).click();
  expect((await saved).ok()).toBe(true);
}

test.describe("widget", () => {
  const servers: Server[] = [];
  test.afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  test("enabled for one site: streams, survives a reload, and is refused elsewhere", async ({
    page,
    api,
    browser,
    playwright,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-widget"), {
      name: "Shop helper",
      model: SIM_MODEL,
    });
    const shopPage = { snippet: "" };
    const site = await startSite(shopPage);
    const other = await startSite(shopPage);
    servers.push(site.server, other.server);

    // The console: the Widget tab, disabled and with no origin by default.
    await page.goto(`/console/assistants/${id}`);
    await page.getByRole("link", { name: "Widget" }).click();
    await expect(page).toHaveURL(new RegExp(`/console/assistants/${id}/widget$`));
    await expect(page.getByLabel("Enable the widget")).not.toBeChecked();
    await page.getByLabel("Enable the widget").check();
    await page.getByLabel("Title").fill("Shop help");
    await page.getByLabel("Greeting").fill("Hello! Ask me about our products.");
    await saveOrigins(page, site.origin);
    await expect(page.getByLabel("Allowed origins")).toHaveValue(site.origin);
    shopPage.snippet = (await page.locator("[data-widget-snippet]").textContent()) ?? "";
    expect(shopPage.snippet).toContain(`<script src="${BASE_URL}/widget.js" data-assistant="${id}"`);
    await screenshot(page, testInfo, "widget-settings");
    await expectAccessible(page, testInfo, "widget-settings");

    // The site, with the snippet, in a visitor's browser.
    const visitor = await browser.newContext();
    const shop = await visitor.newPage();
    await shop.goto(site.origin);
    await shop.getByRole("button", { name: "Open chat" }).click();
    const chat = shop.frameLocator('iframe[data-hearth-widget="frame"]');
    await expect(chat.getByText("Hello! Ask me about our products.")).toBeVisible();
    await expect(chat.getByRole("heading", { name: "Shop help" })).toBeVisible();
    await chat.getByLabel("Message").fill("What do you sell?");
    await chat.getByRole("button", { name: "Send" }).click();
    const answer = chat.getByRole("article", { name: "Assistant message" }).last();
    await expect(answer.locator("[data-answer-text]")).toBeVisible({ timeout: 20_000 });
    await expect(answer).not.toHaveAttribute("aria-busy", "true", { timeout: 20_000 });
    const text = (await answer.locator("[data-answer-text]").innerText()).trim();
    expect(text.length).toBeGreaterThan(0);
    await screenshot(shop, testInfo, "widget-answer");

    // A reload keeps the conversation.
    await shop.reload();
    await shop.getByRole("button", { name: "Open chat" }).click();
    await expect(chat.getByRole("article", { name: "Your message" })).toHaveText("What do you sell?");
    await expect(chat.getByRole("article", { name: "Assistant message" }).last()).toContainText(
      text.slice(0, 20),
    );

    // A site that is not allowed: the browser refuses the frame (frame-ancestors), and the page
    // itself refuses a Referer of that origin.
    const elsewhere = await visitor.newPage();
    await elsewhere.goto(other.origin);
    const framed = elsewhere.waitForResponse((response) => response.url().includes(`/embed/${id}`));
    await elsewhere.getByRole("button", { name: "Open chat" }).click();
    const blocked = await framed;
    expect(blocked.headers()["content-security-policy"]).toContain(`; frame-ancestors ${site.origin}`);
    await expect(
      elsewhere.frameLocator('iframe[data-hearth-widget="frame"]').getByLabel("Message"),
    ).toHaveCount(0);
    const direct = await api.get(`/embed/${id}`, { headers: { referer: `${other.origin}/` } });
    expect(await direct.text()).toContain("not available on this site");
    await visitor.close();

    // A token issued for the site stops working once its origin is removed.
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const issued = await request.get(`/embed/${id}`, { headers: { referer: `${site.origin}/` } });
    const token = TOKEN.exec(await issued.text())?.[0];
    expect(token).toBeTruthy();
    const open = () =>
      request.post(`/embed/${id}/session`, {
        headers: { authorization: `Bearer ${token}`, origin: BASE_URL },
        data: {},
      });
    expect((await open()).status()).toBe(200);
    const foreign = await request.post(`/embed/${id}/session`, {
      headers: { authorization: `Bearer ${token}`, origin: site.origin },
      data: {},
    });
    expect(foreign.status()).toBe(403);
    await saveOrigins(page, "https://elsewhere.example");
    const removed = await open();
    expect(removed.status()).toBe(403);
    expect(((await removed.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    await request.dispose();
  });
});
