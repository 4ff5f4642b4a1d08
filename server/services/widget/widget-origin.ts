// Origins as the widget compares them: scheme, host and port, exactly. Nothing is inferred: no
// wildcards, no "www." folding, and an empty list allows no site at all.

/** The origin of a URL (a Referer or an Origin header), or null when there is none to read. */
export function originOf(value: string | null | undefined): string | null {
  if (!value || value === "null") return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function isOriginAllowed(origin: string | null, allowedOrigins: readonly string[]): boolean {
  return origin !== null && allowedOrigins.includes(origin);
}

/** The CSP `frame-ancestors` value: only the allowed sites may frame the widget's page. */
export function frameAncestors(allowedOrigins: readonly string[]): string {
  return allowedOrigins.length > 0 ? allowedOrigins.join(" ") : "'none'";
}
