// Secrets never reach the audit log: any field whose name says it holds one is replaced, at any
// depth, before a summary is stored. Names, not values, decide (a value cannot be recognised).
const SECRET_NAME =
  /(^|_)(password|secret|token|api_key|key|hash|cookie|authorization)$|apiKey(Encrypted)?$|Password$|Secret$|Token$/i;
// Named like a secret, but holding only a reference or a flag.
const NOT_SECRET = new Set(["api_key_env", "has_api_key", "apiKeyEnv", "key_id", "keyId", "prefix"]);

export const REDACTED = "[redacted]";

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([name, inner]) => [
      name,
      !NOT_SECRET.has(name) && SECRET_NAME.test(name) && inner !== null && inner !== undefined
        ? REDACTED
        : redactSecrets(inner),
    ]),
  );
}

/** The fields that differ between two summaries of one object, before and after. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: readonly string[] = ["updated_at", "health"],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => !ignore.includes(name) && JSON.stringify(before[name]) !== JSON.stringify(after[name]),
  );
  return {
    before: Object.fromEntries(changed.map((name) => [name, before[name]])),
    after: Object.fromEntries(changed.map((name) => [name, after[name]])),
  };
}
