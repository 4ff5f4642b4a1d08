// An assistant's own tools in the browser: an operator adds an HTTP tool in the assistant form (a
// JSON Schema refused until it is JSON, a secret header that is never shown again), the playground
// shows the call live ("Calling get_weather…", then its outcome) and opens on its arguments and
// result, the transcript keeps it, and the widget shows visitors a line per call, titles only
// until the admin allows summaries; an operator imports a tool from an OpenAPI document. The tool
// is a small HTTP API the spec starts on loopback, which answers slowly enough for the running
// state to be seen. Screenshots light and dark, and axe.
import type { Page } from "@playwright/test";
import { startHttpServer, type LoopbackServer } from "../../server/test/loopback-servers";
import { newUniqueId } from "../fixtures";
import { adminTest as test, expect, expectAccessible, screenshot } from "../support/console";
import { SIM_MODEL } from "../support/env";
import { createAssistant } from "../support/runtime-api";

const SECRET = "Bearer e2e-ui-weather-key";
const QUESTION = "Use get_weather with city=Paris.";
const PARAMETERS = {
  type: "object",
  properties: { city: { type: "string", description: "The city" } },
  required: ["city"],
};

let weather: LoopbackServer;
let site: LoopbackServer;
const shopPage = { snippet: "" };
let id = "";
let sessionId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  weather = await startHttpServer(async (request, response) => {
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const city = decodeURIComponent(request.url!.split("/")[2] ?? "");
    if (city === "Atlantis") {
      response.writeHead(503, { "content-type": "text/plain" }).end("no station there");
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ city, sky: "sunny", temperature_c: 21 }));
  });
  // A site on another origin (127.0.0.1, Hearth is localhost) that pastes the widget's snippet.
  site = await startHttpServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html lang="en"><head><title>Travel</title></head><body><main><h1>Travel tips</h1></main>${shopPage.snippet}</body></html>`,
    );
  });
});

test.afterAll(async () => {
  await Promise.all([weather.close(), site.close()]);
});

async function inDark(page: Page, check: () => Promise<void>) {
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await check();
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
}

test("an operator adds an HTTP tool with a secret header in the assistant form", async ({
  page,
  api,
}, testInfo) => {
  id = await createAssistant(api, newUniqueId("ui-tools"), { name: "Travel helper", model: SIM_MODEL });
  await page.goto(`/console/assistants/${id}`);
  const form = page.getByRole("form", { name: "Assistant settings" });
  const save = form.getByRole("button", { name: "Save changes" });
  await expect(form.getByText("No tools: the model answers")).toBeVisible();

  await form.getByRole("button", { name: "Add HTTP tool" }).click();
  const tool = form.getByRole("group", { name: "HTTP tool 1" });
  const name = tool.getByLabel("Tool 1 Function name");
  await expect(name).toBeFocused();
  await name.fill("get_weather");
  await tool.getByLabel("Tool 1 URL").fill(`${weather.origin}/weather/{city}`);
  await tool.getByLabel("Tool 1 Description").fill("The weather in a city, now.");
  const parameters = tool.getByLabel("Tool 1 Parameters (JSON Schema)");
  // A brace short: refused on the field, and nothing is saved.
  await parameters.fill(JSON.stringify(PARAMETERS).slice(0, -1));
  await tool.getByRole("button", { name: "Add header" }).click();
  await tool.getByLabel("Tool 1 header 1 name").fill("x-team");
  await tool.getByLabel("Tool 1 header 1 value").fill("travel");
  const secrets = tool.getByRole("group", { name: "Tool 1 secret headers" });
  await secrets.getByRole("button", { name: "Add secret header" }).click();
  await secrets.getByLabel("Tool 1 secret header 1 name").fill("authorization");
  const secretValue = secrets.getByLabel("Tool 1 secret header 1 value");
  await expect(secretValue).toHaveAttribute("type", "password");
  await secretValue.fill(SECRET);
  await form.getByLabel("Model steps").fill("3");
  await save.click();
  await expect(parameters).toHaveAccessibleDescription(/^Not valid JSON: /);
  await screenshot(page, testInfo, "tools-form-invalid");
  expect(((await (await api.get(`/admin/assistants/${id}`)).json()) as { tools: unknown[] }).tools).toEqual(
    [],
  );

  await parameters.fill(JSON.stringify(PARAMETERS, null, 2));
  await save.click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  const saved = await api.get(`/admin/assistants/${id}`);
  const body = await saved.text();
  expect(body).not.toContain("e2e-ui-weather-key");
  expect(JSON.parse(body)).toMatchObject({
    tools: [
      {
        type: "http",
        name: "get_weather",
        method: "GET",
        url: `${weather.origin}/weather/{city}`,
        parameters: PARAMETERS,
        headers: { "x-team": "travel" },
        timeout_ms: 10_000,
        secret_header_names: ["authorization"],
      },
    ],
    tool_limits: { max_steps: 3, max_ms: 60_000, max_tokens: null },
  });

  // Saved: the secret's name is shown, never its value, with a way to replace or remove it.
  await expect(secrets).toContainText("Set: authorization (values hidden).");
  await expect(secrets.getByRole("button", { name: "Replace" })).toBeVisible();
  await expect(secrets.getByRole("button", { name: "Remove" })).toBeVisible();
  await expect(secretValue).toHaveCount(0);
  expect(await page.content()).not.toContain("e2e-ui-weather-key");

  // An edit that leaves the secret alone keeps it (the playground's call below sends it).
  await tool.getByLabel("Tool 1 Timeout (s)").fill("8");
  await save.click();
  await expect(page.getByText("Changes saved").first()).toBeVisible();
  await expect
    .poll(
      async () => ((await (await api.get(`/admin/assistants/${id}`)).json()) as { tools: object[] }).tools,
    )
    .toEqual([expect.objectContaining({ timeout_ms: 8_000, secret_header_names: ["authorization"] })]);

  await tool.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, "tools-form");
  await expectAccessible(page, testInfo, "tools-form");
  await inDark(page, async () => {
    await screenshot(page, testInfo, "tools-form-dark");
    await expectAccessible(page, testInfo, "tools-form-dark");
  });
});

test("the playground shows the call live and opens on its arguments; the transcript keeps it", async ({
  page,
}, testInfo) => {
  await page.goto(`/console/assistants/${id}/playground`);
  const log = page.getByRole("log", { name: "Conversation" });
  await page.getByLabel("Message", { exact: true }).fill(QUESTION);
  const calls = weather.seen.length;
  await page.getByRole("button", { name: "Send", exact: true }).click();

  const answer = log.getByRole("article", { name: "Assistant message" }).last();
  const line = answer.getByRole("list", { name: "Tool calls" }).getByRole("listitem");
  // (The line's summary: its details are in the DOM, folded.)
  const heading = line.locator("summary");
  // While the API takes its time, the line says what is happening.
  await expect(heading).toHaveText("Calling get_weather…");
  await screenshot(page, testInfo, "playground-calling");
  await expect(heading).toHaveText(/^get_weather\s*HTTP\s*OK\s*GET .*\/weather\/Paris → 200, .*s$/, {
    timeout: 20_000,
  });
  await expect(answer.locator("[data-answer-text]")).toHaveText(
    /^Simulated answer using get_weather: .*sunny/,
    { timeout: 20_000 },
  );
  await expect(answer).not.toHaveAttribute("aria-busy");

  // Hearth called the API once, with the arguments the model gave and the stored secret.
  expect(weather.seen.length).toBe(calls + 1);
  expect(weather.seen.at(-1)).toMatchObject({
    method: "GET",
    url: "/weather/Paris",
    headers: { authorization: SECRET, "x-team": "travel" },
  });

  await expect(line.getByLabel("Arguments of get_weather")).toBeHidden();
  await heading.click();
  await expect(line.getByLabel("Arguments of get_weather")).toHaveText(
    JSON.stringify({ city: "Paris" }, null, 2),
  );
  await expect(line.getByLabel("Result of get_weather")).toContainText('"sky":"sunny"');
  await screenshot(page, testInfo, "playground-tool-open");
  await expectAccessible(page, testInfo, "playground-tools");
  await inDark(page, async () => {
    await screenshot(page, testInfo, "playground-tool-open-dark");
    await expectAccessible(page, testInfo, "playground-tools-dark");
  });

  // A call that fails is said so, with what went wrong; the model is told and still answers.
  await page.getByLabel("Message", { exact: true }).fill("Use get_weather with city=Atlantis.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const second = log.getByRole("article", { name: "Assistant message" }).nth(1);
  await expect(second.locator("summary")).toHaveText(
    /^get_weather\s*HTTP\s*Failed\s*GET .*\/weather\/Atlantis → 503/,
    {
      timeout: 20_000,
    },
  );
  await expect(second.locator("[data-answer-text]")).toContainText("no station there", { timeout: 20_000 });
  await expect(second).not.toHaveAttribute("aria-busy");

  // The transcript: the same calls, with their arguments and results.
  await expect(page).toHaveURL(/[?&]session=/);
  sessionId = new URL(page.url()).searchParams.get("session")!;
  await page.goto(`/console/assistants/${id}/sessions/${sessionId}`);
  const stored = page.getByRole("article", { name: "Assistant", exact: true });
  await expect(stored).toHaveCount(2);
  const storedLine = stored.first().getByRole("list", { name: "Tool calls" }).getByRole("listitem");
  await expect(storedLine).toHaveCount(1);
  await expect(storedLine.locator("summary")).toHaveText(/^get_weather\s*HTTP\s*OK\s*GET .*→ 200/);
  await expect(storedLine.getByLabel("Arguments of get_weather")).toBeHidden();
  await storedLine.locator("summary").click();
  await expect(storedLine.getByLabel("Arguments of get_weather")).toContainText('"city": "Paris"');
  await expect(storedLine.getByLabel("Result of get_weather")).toContainText('"temperature_c":21');
  const failedLine = stored.nth(1).getByRole("list", { name: "Tool calls" }).getByRole("listitem");
  await expect(failedLine.locator("summary")).toHaveText(/^get_weather\s*HTTP\s*Failed\s*GET .*→ 503/);
  await failedLine.locator("summary").click();
  await expect(failedLine.getByLabel("Result of get_weather")).toHaveText(
    "The server answered HTTP 503:\nno station there",
  );
  await screenshot(page, testInfo, "transcript-tools");
  await expectAccessible(page, testInfo, "transcript-tools");
  await inDark(page, async () => {
    await screenshot(page, testInfo, "transcript-tools-dark");
    await expectAccessible(page, testInfo, "transcript-tools-dark");
  });

  // Reloaded in the playground, the call is there with its result.
  await page.goto(`/console/assistants/${id}/playground?session=${sessionId}`);
  const reloaded = page.getByRole("log", { name: "Conversation" }).getByRole("list", { name: "Tool calls" });
  await expect(reloaded.getByRole("listitem").locator("summary")).toHaveText([
    /^get_weather\s*HTTP\s*OK/,
    /^get_weather\s*HTTP\s*Failed/,
  ]);
});

async function saveWidget(page: Page) {
  const saved = page.waitForResponse((response) => response.url().includes("widget.update"));
  await page.getByRole("button", { name: "Save widget settings" }).click();
  expect((await saved).ok()).toBe(true);
}

test("the widget shows visitors a line per call: its title, then its summary once allowed", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto(`/console/assistants/${id}/widget`);
  const activity = page.getByLabel("Tool activity shown to visitors");
  await expect(activity).toHaveValue("titles");
  await page.getByLabel("Enable the widget").check();
  await page.getByLabel("Allowed origins").fill(site.origin);
  await saveWidget(page);
  shopPage.snippet = (await page.locator("[data-widget-snippet]").textContent()) ?? "";
  await screenshot(page, testInfo, "widget-settings");

  const visitor = await browser.newContext();
  const shop = await visitor.newPage();
  await shop.goto(site.origin);
  await shop.getByRole("button", { name: "Open chat" }).click();
  const chat = shop.frameLocator('iframe[data-hearth-widget="frame"]');
  const ask = async (question: string) => {
    await chat.getByLabel("Message", { exact: true }).fill(question);
    await chat.getByRole("button", { name: "Send" }).click();
    return chat.getByRole("article", { name: "Assistant message" }).last();
  };

  const first = await ask(QUESTION);
  const tools = first.getByRole("list", { name: "Tools used" }).getByRole("listitem");
  await expect(tools).toHaveText("get weather… running");
  await expect(tools).toHaveAttribute("data-tool-status", "done", { timeout: 20_000 });
  await expect(tools).toHaveText("get weather done");
  await expect(first.locator("[data-answer-text]")).toContainText("Simulated answer using get_weather");
  await expect(first).not.toHaveAttribute("aria-busy", "true");
  await screenshot(shop, testInfo, "widget-tool-title");
  await expectAccessible(shop, testInfo, "widget-tools");

  // With summaries allowed, the next answer's line says what the call gave (never its arguments).
  await activity.selectOption("summaries");
  await saveWidget(page);
  const second = await ask("Use get_weather with city=Oslo.");
  const line = second.getByRole("list", { name: "Tools used" }).getByRole("listitem");
  await expect(line).toHaveAttribute("data-tool-status", "done", { timeout: 20_000 });
  await expect(line).toContainText(/^get weather done · GET .*→ 200/);
  await expect(second.locator("[data-answer-text]")).toContainText("Oslo");
  await screenshot(shop, testInfo, "widget-tool-summary");
  await visitor.close();
});

/** The weather API as an OpenAPI document: get_weather, a forecast beside it, and a HEAD it skips. */
const weatherApi = (origin: string) => `
openapi: 3.1.0
info: { title: Weather, version: "1" }
servers:
  - url: ${origin}
paths:
  /weather/{city}:
    parameters:
      - { name: city, in: path, required: true, schema: { type: string }, description: The city }
    get:
      operationId: get_weather
      summary: The weather in a city, now.
    head:
      operationId: weather_exists
  /forecast/{city}:
    get:
      operationId: get_forecast
      summary: Tomorrow's weather in a city.
      description: Sky and temperature, hour by hour.
      parameters:
        - { name: city, in: path, required: true, schema: { type: string } }
        - { name: hours, in: query, schema: { type: integer, minimum: 1 } }
`;

test("an operator imports a tool from an OpenAPI document; a document refused says why", async ({
  page,
  api,
}, testInfo) => {
  const imported = await createAssistant(api, newUniqueId("ui-tools-import"), {
    name: "Forecaster",
    model: SIM_MODEL,
    tools: [
      {
        type: "http",
        name: "get_weather",
        method: "GET",
        url: `${weather.origin}/weather/{city}`,
        parameters: PARAMETERS,
        secret_headers: { authorization: SECRET },
      },
    ],
  });
  const toolsOf = async () =>
    ((await (await api.get(`/admin/assistants/${imported}`)).json()) as { tools: object[] }).tools;
  // The dialog is portalled out of the assistant form, but React's events cross portals: reading a
  // document must not submit the form around it.
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("assistants.update")) saves.push(request.url());
  });
  await page.goto(`/console/assistants/${imported}`);
  const form = page.getByRole("form", { name: "Assistant settings" });
  const open = form.getByRole("button", { name: "Import from OpenAPI" });
  const dialog = page.getByRole("dialog", { name: "Import from OpenAPI" });
  const document = dialog.getByLabel("OpenAPI document");

  // A dialog: focus on the document at once, Escape closes it and focus returns to the button.
  await open.click();
  await expect(document).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  // A document the server refuses: its reason on the field, which takes the focus.
  await open.click();
  await document.fill('swagger: "2.0"\ninfo: { title: Weather, version: "1" }\npaths: {}\n');
  await dialog.getByRole("button", { name: "Read operations" }).click();
  await expect(document).toHaveAccessibleDescription(
    /^document: only OpenAPI 3\.0 and 3\.1 documents can be imported/,
  );
  await expect(document).toBeFocused();
  await screenshot(page, testInfo, "tools-import-refused");

  await document.fill(weatherApi(weather.origin));
  await expect(document).not.toHaveAttribute("aria-invalid");
  await dialog.getByRole("button", { name: "Read operations" }).click();
  await expect(dialog.getByText("Found 2 operations that can be tools; 1 was skipped.")).toBeFocused();
  const forecast = dialog.getByRole("checkbox", { name: "get_forecast" });
  await expect(forecast).toBeChecked();
  await expect(forecast).toHaveAccessibleDescription(
    `GET ${weather.origin}/forecast/{city} Tomorrow's weather in a city.`,
  );
  // The form has a get_weather: offered unchecked, as already added.
  const existing = dialog.getByRole("checkbox", { name: "get_weather" });
  await expect(existing).not.toBeChecked();
  await expect(existing).toBeDisabled();
  await expect(existing).toHaveAccessibleDescription(/^already added GET /);
  await expect(dialog.getByRole("listitem").filter({ hasText: "weather_exists" })).toHaveText(
    "weather_exists: HEAD is not a tool method",
  );
  await dialog.getByRole("heading", { name: "Skipped" }).scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, "tools-import");
  await expectAccessible(page, testInfo, "tools-import");
  await inDark(page, async () => {
    await screenshot(page, testInfo, "tools-import-dark");
    await expectAccessible(page, testInfo, "tools-import-dark");
  });

  await dialog.getByRole("button", { name: "Add 1 tool" }).click();
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  expect(saves).toEqual([]);
  expect(await toolsOf()).toHaveLength(1);

  const tool = form.getByRole("group", { name: "HTTP tool 2" });
  await expect(tool.getByLabel("Tool 2 Function name")).toHaveValue("get_forecast");
  await expect(tool.getByLabel("Tool 2 URL")).toHaveValue(`${weather.origin}/forecast/{city}`);
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  expect(await toolsOf()).toEqual([
    expect.objectContaining({ name: "get_weather", secret_header_names: ["authorization"] }),
    {
      type: "http",
      name: "get_forecast",
      description: "Tomorrow's weather in a city.\n\nSky and temperature, hour by hour.",
      method: "GET",
      url: `${weather.origin}/forecast/{city}`,
      parameters: {
        type: "object",
        properties: { city: { type: "string" }, hours: { type: "integer", minimum: 1 } },
        required: ["city"],
      },
      headers: {},
      timeout_ms: 10_000,
      max_response_bytes: 65_536,
      secret_header_names: [],
    },
  ]);
});
