// Reading dynamic route segments and search params in the console's server pages.

/** A path segment as typed: Next passes it still percent-encoded. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The first value of a search param, or "" when absent. */
export function firstParam(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
