// The security headers over HTTP (server/http/security-headers.ts). A console page carries a
// Content-Security-Policy whose nonce is on every inline script of the page and new on every
// request, and may be framed nowhere; an API response through proxy.ts gets the same headers, and
// a per-question endpoint (which skips proxy.ts) next.config.ts's static ones: a policy that
// loads and frames nothing. The widget's iframe page may be framed by the assistant's sites
// alone. HSTS: this server runs as production does, with secure cookies (the default under
// `next start`; see hearthServerEnv), so proxy.ts sends it. Whether the console runs under the
// policy in a browser is e2e/ui/content-security-policy.spec.ts's question.
import type { APIResponse } from "@playwright/test";
import { expect, test } from "../fixtures";
import { createAssistant } from "../support/runtime-api";

const SITE = "https://shop.example";
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
const HSTS = "max-age=31536000; includeSubDomains";

/** Directive name -> its sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  return new Map(
    (policy ?? "").split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

/** The page's nonce, after checking that scripts need it and every inline <script> has it. */
async function expectNoncedScripts(response: APIResponse): Promise<string> {
  const policy = response.headers()["content-security-policy"];
  const scripts = directives(policy).get("script-src") ?? [];
  const nonce = /^'nonce-([\w+/=-]+)'$/.exec(
    scripts.find((source) => source.startsWith("'nonce-")) ?? "",
  )?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(scripts, "production: no inline script without the nonce, no eval").toEqual([
    "'self'",
    `'nonce-${nonce}'`,
  ]);
  const inline = ((await response.text()).match(/<script\b[^>]*>/g) ?? []).filter(
    (tag) => !/\ssrc=/.test(tag),
  );
  // At least the theme script and Next's own data scripts.
  expect(inline.length).toBeGreaterThan(1);
  for (const tag of inline) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce!;
}

function expectStaticHeaders(response: APIResponse, { framed = false } = {}) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  if (framed) expect(headers["x-frame-options"]).toBeUndefined();
  else expect(headers["x-frame-options"]).toBe("DENY");
}

test.describe("security headers", () => {
  test("a console page: inline scripts need the request's nonce, framed nowhere, HSTS", async ({
    request,
  }) => {
    const first = await request.get("/console/login");
    expect(first.status()).toBe(200);
    expect(first.url()).toMatch(/\/console\/login$/);
    const nonce = await expectNoncedScripts(first);
    const policy = directives(first.headers()["content-security-policy"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expectStaticHeaders(first);
    expect(first.headers()["strict-transport-security"]).toBe(HSTS);

    const second = await request.get("/console/login");
    expect(await expectNoncedScripts(second)).not.toBe(nonce);
  });

  test("a nonce sent by the caller is not the page's", async ({ request }) => {
    const response = await request.get("/console/login", { headers: { "x-nonce": "chosen-by-the-caller" } });
    const nonce = await expectNoncedScripts(response);
    expect(nonce).not.toBe("chosen-by-the-caller");
    expect(await response.text()).not.toContain("chosen-by-the-caller");
  });

  test("an API response through the proxy: the same headers, framed nowhere", async ({ request }) => {
    const response = await request.get("/health");
    expect(response.status()).toBe(200);
    expectStaticHeaders(response);
    expect(directives(response.headers()["content-security-policy"]).get("frame-ancestors")).toEqual([
      "'none'",
    ]);
    expect(response.headers()["strict-transport-security"]).toBe(HSTS);
    expect(response.headers()["x-request-id"]).toBeTruthy();
  });

  test("the per-question endpoints, which skip the proxy: a policy that loads and frames nothing", async ({
    request,
  }) => {
    for (const path of ["/assistants/any/ask", "/assistants/any/stream", "/v1/chat/completions"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(405);
      expectStaticHeaders(response);
      expect(response.headers()["content-security-policy"], path).toBe(API_POLICY);
    }
  });

  test("the widget loader script stays loadable from any site", async ({ request }) => {
    const response = await request.get("/widget.js", { headers: { origin: SITE } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/javascript/);
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(response.headers()["cross-origin-resource-policy"] ?? "cross-origin").toBe("cross-origin");
    expectStaticHeaders(response);
  });

  test("the widget's page: framed by the assistant's sites only, its scripts nonced", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("headers-widget"), { name: "Framed" });
    const closed = await createAssistant(api, uniqueId("headers-nowidget"), { name: "Not framed" });
    const update = await api.post("/api/trpc/widget.update", {
      data: { json: { assistantId: id, changes: { enabled: true, allowed_origins: [SITE] } } },
    });
    expect(update.status(), await update.text()).toBe(200);

    const page = await request.get(`/embed/${id}`, { headers: { referer: `${SITE}/products` } });
    expect(page.status()).toBe(200);
    await expectNoncedScripts(page);
    expect(directives(page.headers()["content-security-policy"]).get("frame-ancestors")).toEqual([SITE]);
    expectStaticHeaders(page, { framed: true });

    const refused = await request.get(`/embed/${closed}`, { headers: { referer: `${SITE}/products` } });
    expect(await refused.text()).toContain("This chat is not available.");
    expect(directives(refused.headers()["content-security-policy"]).get("frame-ancestors")).toEqual([
      "'none'",
    ]);

    // The widget's endpoints under /embed are not its page: framed nowhere.
    const session = await request.post(`/embed/${id}/session`, { data: {} });
    expectStaticHeaders(session);
    expect(directives(session.headers()["content-security-policy"]).get("frame-ancestors")).toEqual([
      "'none'",
    ]);
    const stream = await request.get(`/embed/${id}/stream`);
    expect(stream.headers()["content-security-policy"]).toBe(API_POLICY);
    expectStaticHeaders(stream);
  });
});
