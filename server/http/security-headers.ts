// The security headers of Hearth's responses, in one place so the policy can be read and tested
// as a whole. Two layers. next.config.ts sends the static ones (`staticSecurityHeaders`) with
// every response, the per-question endpoints included: Next applies them before any handler and
// without proxy.ts, and they hold a strict policy for responses that are not pages. proxy.ts
// replaces that policy on every response it handles (the console, the root page, the widget's
// iframe page, the admin API...) with the pages' one (`proxySecurityHeaders`): a fresh script
// nonce per request, which Next reads back from the request to mark its own scripts, and HSTS,
// which depends on runtime settings that next.config.ts, evaluated at build time, cannot see.

/** The request header through which proxy.ts hands the nonce to the root layout's inline script. */
export const NONCE_HEADER = "x-nonce";

/** One year, subdomains included: sent only where the deployment is on HTTPS (secure cookies). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Responses that are not pages (JSON, SSE, scripts): they may load nothing and be framed nowhere. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export interface PagePolicyOptions {
  /** Fresh for each request (see newNonce). */
  nonce: string;
  /** The `frame-ancestors` sources: `'none'` everywhere but the widget's iframe page. */
  frameAncestors: string;
  /** NODE_ENV=development: React's development build evaluates strings to rebuild server stacks. */
  development: boolean;
}

/**
 * The pages' Content-Security-Policy. Scripts: this origin and the nonce, never inline or eval
 * in production. Styles allow inline: React and recharts set `style` attributes, and Scalar and
 * sonner insert <style> elements; a nonce in style-src would disable that, so there is none.
 */
export function pageContentSecurityPolicy({ nonce, frameAncestors, development }: PagePolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

export interface ProxySecurityOptions extends PagePolicyOptions {
  /** env.secureCookies: true when the deployment is served over HTTPS. */
  secureCookies: boolean;
}

export interface ProxySecurityHeaders {
  "content-security-policy": string;
  "strict-transport-security"?: string;
}

/** The headers proxy.ts sets on each response it handles (lower-case: they replace the static ones). */
export function proxySecurityHeaders(options: ProxySecurityOptions): ProxySecurityHeaders {
  const headers: ProxySecurityHeaders = { "content-security-policy": pageContentSecurityPolicy(options) };
  if (options.secureCookies) headers["strict-transport-security"] = HSTS;
  return headers;
}

/** 128 random bits, base64: the form Next accepts in `'nonce-…'` (see its getScriptNonceFromHeader). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Every path but the widget's iframe page (/embed/{assistant}), which proxy.ts lets its sites frame,
 * and its console preview (/embed/{assistant}/preview), which Hearth's own pages frame.
 */
const ALL_BUT_THE_EMBED_PAGE = "/:path((?!embed/[^/]+(?:/preview)?/?$).*)";

/** For next.config.ts `headers()`: applied by Next to every response, proxy or not. */
export function staticSecurityHeaders() {
  return [
    {
      source: "/:path*",
      headers: [
        { key: "x-content-type-options", value: "nosniff" },
        { key: "referrer-policy", value: "strict-origin-when-cross-origin" },
        { key: "content-security-policy", value: API_CONTENT_SECURITY_POLICY },
      ],
    },
    {
      // Redundant beside `frame-ancestors 'none'` in modern browsers; kept for older ones. Never
      // on the widget's page: a browser that honours it would refuse every embedding site.
      source: ALL_BUT_THE_EMBED_PAGE,
      headers: [{ key: "x-frame-options", value: "DENY" }],
    },
    {
      source: "/embed/:assistant/preview",
      headers: [{ key: "x-frame-options", value: "SAMEORIGIN" }],
    },
  ];
}
