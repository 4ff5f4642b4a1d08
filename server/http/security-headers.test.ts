// Security headers: the pages' Content-Security-Policy (a nonce Next itself can read, no inline
// or eval script in production, eval in development only), HSTS only with secure cookies, what
// proxy.ts sets on a console page and on the widget's page (the assistant's sites as
// frame-ancestors), and the static headers next.config.ts gives every path, matched the way Next
// matches them (the widget's page alone may be framed).
import { NextRequest } from "next/server";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { modifyRouteRegex } from "next/dist/lib/redirect-status";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { beforeEach, describe, expect, test } from "vitest";
import nextConfig from "../../next.config";
import { proxy } from "../../proxy";
import { master } from "../test/actors";
import { createChatAssistant } from "../test/chat";
import { updateWidget } from "../services/widget/update-widget";
import {
  API_CONTENT_SECURITY_POLICY,
  HSTS,
  NONCE_HEADER,
  newNonce,
  pageContentSecurityPolicy,
  proxySecurityHeaders,
} from "./security-headers";

/** Directive name -> its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("the pages' Content-Security-Policy", () => {
  const production = { nonce: "bm9uY2Utb25lLXR3bw==", frameAncestors: "'none'", development: false };

  test("scripts: this origin and the nonce, which Next reads back; nothing inline, no eval", () => {
    const policy = pageContentSecurityPolicy(production);
    expect(directives(policy).get("script-src")).toEqual(["'self'", `'nonce-${production.nonce}'`]);
    expect(getScriptNonceFromHeader(policy)).toBe(production.nonce);
    expect(policy).not.toMatch(/unsafe-eval|strict-dynamic/);
    expect(directives(policy).get("script-src")).not.toContain("'unsafe-inline'");
  });

  test("framed nowhere by default, by the given sites on the widget's page", () => {
    expect(directives(pageContentSecurityPolicy(production)).get("frame-ancestors")).toEqual(["'none'"]);
    const widget = pageContentSecurityPolicy({
      ...production,
      frameAncestors: "https://shop.example https://www.shop.example",
    });
    expect(directives(widget).get("frame-ancestors")).toEqual([
      "https://shop.example",
      "https://www.shop.example",
    ]);
  });

  test("loads from this origin only, no plugins, no <base>, forms post here", () => {
    const parsed = directives(pageContentSecurityPolicy(production));
    expect(parsed.get("default-src")).toEqual(["'self'"]);
    expect(parsed.get("connect-src")).toEqual(["'self'"]);
    expect(parsed.get("object-src")).toEqual(["'none'"]);
    expect(parsed.get("base-uri")).toEqual(["'none'"]);
    expect(parsed.get("form-action")).toEqual(["'self'"]);
    // Inline styles (React's style attributes, recharts, Scalar): no nonce here, which would void them.
    expect(parsed.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  test("development adds eval to scripts, for React's development build only", () => {
    const policy = pageContentSecurityPolicy({ ...production, development: true });
    expect(directives(policy).get("script-src")).toEqual([
      "'self'",
      `'nonce-${production.nonce}'`,
      "'unsafe-eval'",
    ]);
    expect(policy.match(/unsafe-eval/g)).toHaveLength(1);
  });

  test("a nonce is 128 random bits in base64, fresh each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(getScriptNonceFromHeader(pageContentSecurityPolicy({ ...production, nonce }))).toBe(nonce);
    }
  });
});

describe("HSTS", () => {
  const options = { nonce: newNonce(), frameAncestors: "'none'", development: false };

  test("sent when cookies are secure (HTTPS)", () => {
    expect(proxySecurityHeaders({ ...options, secureCookies: true })["strict-transport-security"]).toBe(HSTS);
    expect(HSTS).toBe("max-age=31536000; includeSubDomains");
  });

  test("not sent otherwise: a plain-HTTP deployment would be unreachable once a browser kept it", () => {
    expect(proxySecurityHeaders({ ...options, secureCookies: false })).not.toHaveProperty(
      "strict-transport-security",
    );
  });
});

describe("proxy.ts", () => {
  const SITE = "https://shop.example.com";

  beforeEach(async () => {
    await createChatAssistant("support");
    await createChatAssistant("sales");
    await updateWidget(master, "support", { enabled: true, allowed_origins: [SITE] });
  });

  /** The response's headers, and the request headers the proxy hands on to the page. */
  async function run(path: string) {
    const response = await proxy(new NextRequest(`http://localhost:3000${path}`));
    const overridden = response.headers.get("x-middleware-override-headers")?.split(",") ?? [];
    const forwarded = (name: string) =>
      overridden.includes(name) ? response.headers.get(`x-middleware-request-${name}`) : null;
    return { response: response.headers, forwarded };
  }

  test("a console page: the policy with a fresh nonce, handed on to Next and the layout", async () => {
    const first = await run("/console/login");
    const policy = first.response.get("content-security-policy")!;
    const nonce = getScriptNonceFromHeader(policy);
    expect(nonce).toBeTruthy();
    expect(directives(policy).get("frame-ancestors")).toEqual(["'none'"]);
    expect(first.forwarded("content-security-policy")).toBe(policy);
    expect(first.forwarded(NONCE_HEADER)).toBe(nonce);
    expect(first.response.get("x-request-id")).toBeTruthy();
    const second = await run("/console/login");
    expect(getScriptNonceFromHeader(second.response.get("content-security-policy")!)).not.toBe(nonce);
  });

  test("a nonce sent by the caller is replaced", async () => {
    const response = await proxy(
      new NextRequest("http://localhost:3000/console", { headers: { [NONCE_HEADER]: "chosen" } }),
    );
    expect(response.headers.get(`x-middleware-request-${NONCE_HEADER}`)).not.toBe("chosen");
  });

  test("the widget's page: framed by the assistant's sites only, 'none' for any other", async () => {
    for (const path of ["/embed/support", "/embed/support/"]) {
      const policy = (await run(path)).response.get("content-security-policy")!;
      expect(directives(policy).get("frame-ancestors")).toEqual([SITE]);
      expect(getScriptNonceFromHeader(policy)).toBeTruthy();
    }
    for (const path of ["/embed/sales", "/embed/missing", "/embed/%E0%A4%A"]) {
      const policy = (await run(path)).response.get("content-security-policy")!;
      expect(directives(policy).get("frame-ancestors")).toEqual(["'none'"]);
    }
    // The widget's endpoints under /embed are not its page.
    const session = (await run("/embed/support/session")).response.get("content-security-policy")!;
    expect(directives(session).get("frame-ancestors")).toEqual(["'none'"]);
  });

  test("no HSTS where cookies are not secure (this test environment: NODE_ENV=test)", async () => {
    expect((await run("/console")).response.get("strict-transport-security")).toBeNull();
  });
});

describe("next.config.ts headers, matched as Next matches them", () => {
  /** The static headers a path gets (Next's header routes: strict, optional trailing slash). */
  async function staticHeadersOf(pathname: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    for (const route of (await nextConfig.headers?.()) ?? []) {
      const match = getPathMatch(route.source, {
        strict: true,
        removeUnnamedParams: true,
        regexModifier: (regex) => modifyRouteRegex(regex),
      });
      if (match(pathname)) for (const { key, value } of route.headers) headers[key] = value;
    }
    return headers;
  }

  test("every response: nosniff, the referrer policy, and a policy that loads and frames nothing", async () => {
    for (const path of ["/", "/health", "/assistants/a/ask", "/v1/chat/completions", "/console/login"]) {
      expect(await staticHeadersOf(path)).toMatchObject({
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "content-security-policy": API_CONTENT_SECURITY_POLICY,
      });
    }
  });

  test("X-Frame-Options: DENY everywhere but the widget's page and its preview", async () => {
    for (const path of [
      "/",
      "/console",
      "/console/assistants/a/widget",
      "/embed/a/stream",
      "/embed/a/session",
      "/embed",
    ]) {
      expect((await staticHeadersOf(path))["x-frame-options"], path).toBe("DENY");
    }
    for (const path of ["/embed/a", "/embed/a/"]) {
      expect(await staticHeadersOf(path), path).not.toHaveProperty("x-frame-options");
    }
    // The console's preview of the widget: Hearth's own pages only.
    expect((await staticHeadersOf("/embed/a/preview"))["x-frame-options"]).toBe("SAMEORIGIN");
    expect((await staticHeadersOf("/embed/a/status"))["x-frame-options"]).toBe("DENY");
  });

  test("header names are lower-case, so that proxy.ts's values replace them rather than add to them", async () => {
    for (const route of (await nextConfig.headers?.()) ?? []) {
      for (const { key } of route.headers) expect(key).toBe(key.toLowerCase());
    }
  });
});
