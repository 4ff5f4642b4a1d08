// The embeddable widget, end to end: an operator enables it on the assistant's Widget tab with one
// allowed origin and copies the snippet; a page of that origin (a second local server, so the
// widget runs cross-origin as on a customer's site) opens the launcher, gets a streamed answer from
// the simulator, and still shows the conversation after a reload. A page of an origin that is not
// allowed gets no chat (the loader draws nothing and warns in the browser's console), and a token
// of an origin removed later stops working on the very next request. Then the widget that explains
// itself: a refused site listed in the console with one-click Allow (which keeps the form's unsaved
// edits), the warning while the widget is disabled, the live preview, and the widget in German, light
// and dark, desktop and phone.
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

    // A site that is not allowed: the loader draws nothing and tells the site's developer why in
    // the browser's console; the page itself is framed by the allowed site only and refuses a
    // Referer of that origin.
    const elsewhere = await visitor.newPage();
    const warned = elsewhere.waitForEvent("console", (message) => message.type() === "warning");
    await elsewhere.goto(other.origin);
    expect((await warned).text()).toContain(`origin ${other.origin} is not allowed`);
    await expect(elsewhere.locator("[data-hearth-widget]")).toHaveCount(0);
    const direct = await api.get(`/embed/${id}`, { headers: { referer: `${other.origin}/` } });
    expect(direct.headers()["content-security-policy"]).toContain(`; frame-ancestors ${site.origin}`);
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
  test("explains itself: a refused site is listed and allowed in one click; German, light and dark, phone", async ({
    page,
    api,
    browser,
  }, testInfo) => {
    const id = await createAssistant(api, newUniqueId("ui-widget-i18n"), {
      name: "Café helper",
      model: SIM_MODEL,
      suggested_questions: ["Wann habt ihr geöffnet?"],
    });
    const sitePage = {
      snippet: `<script src="${BASE_URL}/widget.js" data-assistant="${id}" async></script>`,
    };
    const site = await startSite(sitePage);
    servers.push(site.server);

    // The snippet pasted before the widget is set up: nothing drawn, one warning for the developer.
    const visitor = await browser.newContext();
    const shop = await visitor.newPage();
    const warnings: string[] = [];
    shop.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    await shop.goto(site.origin);
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toContain(`add ${site.origin} to the allowed origins`);
    await expect(shop.getByRole("button", { name: "Open chat" })).toHaveCount(0);

    // The console: the disabled warning, and the refused site with Allow.
    await page.goto(`/console/assistants/${id}/widget`);
    await expect(page.getByRole("note").filter({ hasText: "The widget is disabled" })).toBeVisible();
    const refused = page.locator(`[data-refused-origin="${site.origin}"]`);
    await expect(refused).toContainText("1 request");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, testInfo, `widget-refused-${scheme}`);
      await expectAccessible(page, testInfo, `widget-refused-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: "light" });
    // Allow saves at once and keeps what the form holds unsaved: a typed title and origin stay, and
    // the allowed site joins the typed origins, so that Save keeps it.
    await page.getByLabel("Title").fill("Café help");
    await page.getByLabel("Allowed origins").fill("https://cafe.example");
    await page.getByRole("button", { name: `Allow ${site.origin}` }).click();
    await expect(refused).toHaveCount(0);
    await expect(page.getByLabel("Allowed origins")).toHaveValue(`https://cafe.example\n${site.origin}`);
    await expect(page.getByLabel("Title")).toHaveValue("Café help");
    await expect(page.getByText("With your unsaved changes")).toBeVisible();

    // Allowed but still disabled: still nothing, and the warning says so.
    warnings.length = 0;
    await shop.reload();
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toContain("turned off");

    // Enabled, in German; the preview follows the form before it is saved.
    await page.getByLabel("Enable the widget").check();
    await page.getByLabel("Language").selectOption("de");
    await page.getByLabel("Title").fill("Hilfe im Café");
    // One message a minute per conversation: the second is refused, in German (below).
    await page.getByLabel("Messages per minute per conversation").fill("1");
    const preview = page.frameLocator("iframe[data-widget-preview]");
    await expect(preview.getByRole("heading", { name: "Hilfe im Café" })).toBeVisible();
    await expect(preview.getByLabel("Nachricht")).toHaveAttribute("placeholder", "Stellen Sie eine Frage");
    await expect(page.getByText("With your unsaved changes")).toBeVisible();
    const saved = page.waitForResponse((response) => response.url().includes("widget.update"));
    await page.getByRole("button", { name: "Save widget settings" }).click();
    expect((await saved).ok()).toBe(true);
    await expect(page.getByRole("note").filter({ hasText: "The widget is disabled" })).toHaveCount(0);
    await expect(page.getByLabel("Allowed origins")).toHaveValue(`https://cafe.example\n${site.origin}`);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, testInfo, `widget-preview-${scheme}`);
      await expectAccessible(page, testInfo, `widget-preview-${scheme}`);
    }

    // The site: the launcher and the chat in German, on a desktop and on a 390 px phone.
    warnings.length = 0;
    await shop.reload();
    await shop.getByRole("button", { name: "Chat öffnen" }).click();
    const chat = shop.frameLocator('iframe[data-hearth-widget="frame"]');
    await expect(chat.getByRole("heading", { name: "Hilfe im Café" })).toBeVisible();
    await expect(chat.getByLabel("Nachricht")).toBeEnabled();
    await expect(chat.getByRole("button", { name: "Senden" })).toBeVisible();
    await expect(shop.getByRole("button", { name: "Chat schließen" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );
    expect(warnings).toEqual([]);
    for (const viewport of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await shop.setViewportSize(viewport);
      for (const scheme of ["light", "dark"] as const) {
        await shop.emulateMedia({ colorScheme: scheme });
        await screenshot(shop, testInfo, `widget-de-${viewport.name}-${scheme}`);
      }
      await expectAccessible(shop, testInfo, `widget-de-${viewport.name}`);
    }

    // The assistant's suggested question is a starter: one click asks it, and the starters go.
    const starters = chat.getByRole("list", { name: "Vorgeschlagene Fragen" });
    await starters.getByRole("button", { name: "Wann habt ihr geöffnet?" }).click();
    await expect(chat.getByRole("article", { name: "Ihre Nachricht" })).toHaveText("Wann habt ihr geöffnet?");
    await expect(starters).toHaveCount(0);
    await expect(chat.locator("[data-answer-text]").last()).not.toBeEmpty();

    // What the server tells a visitor is in the widget's language too: a second message within the
    // minute passes the conversation's limit, with the reference for the site's operator.
    // Once the answer is complete (it can be rated):
    await expect(chat.getByRole("button", { name: "Hilfreich", exact: true })).toBeVisible();
    // A phone opens the page at its own size: reloaded at 390 px, the conversation is kept. (After
    // a resize from desktop, headless Chromium routes a tap on the cross-origin frame's lower part
    // to the <iframe> element instead of into the frame, which a real phone never does.)
    await shop.reload();
    await shop.getByRole("button", { name: "Chat öffnen" }).click();
    await expect(chat.getByRole("article", { name: "Ihre Nachricht" })).toHaveText("Wann habt ihr geöffnet?");
    const box = chat.getByRole("textbox", { name: "Nachricht" });
    await box.fill("Und am Sonntag?");
    await chat.getByRole("button", { name: "Senden" }).click();
    await expect(box).toHaveValue("");
    await expect(
      chat.getByText(
        /^Zu viele Nachrichten in kurzer Zeit\. Bitte warten Sie eine Minute\. \(Referenz: \S+\)$/,
      ),
    ).toBeVisible();
    await screenshot(shop, testInfo, "widget-de-refused");
    await visitor.close();
  });
});
