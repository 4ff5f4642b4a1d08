// JSON to sections of pretty-printed text. A large array (at the top, or under a top-level key)
// is split into sections of whole elements, each element a paragraph, so that a chunk never
// starts in the middle of a record when it can be avoided.
import { DocumentError } from "./document-error";
import type { DocumentSection } from "./document-types";
import { normalizeVerbatim } from "./normalize-text";

const SECTION_CHARS = 8_000;

export function parseJson(text: string): DocumentSection[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unreadable";
    throw new DocumentError("corrupt", `The file is not valid JSON: ${reason}`);
  }
  if (Array.isArray(value)) return arraySections(value, null);
  if (value === null || typeof value !== "object") return textSections([pretty(value)], null);

  const sections: DocumentSection[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (Array.isArray(item) && JSON.stringify(item).length > SECTION_CHARS)
      sections.push(...arraySections(item, key));
    else rest[key] = item;
  }
  if (Object.keys(rest).length > 0) sections.unshift(...textSections([pretty(rest)], null));
  return sections;
}

function arraySections(items: unknown[], heading: string | null): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let group: string[] = [];
  let size = 0;
  for (const item of items) {
    const text = pretty(item);
    if (size + text.length > SECTION_CHARS && group.length > 0) {
      sections.push(...textSections(group, heading));
      group = [];
      size = 0;
    }
    group.push(text);
    size += text.length;
  }
  return [...sections, ...textSections(group, heading)];
}

function textSections(parts: string[], heading: string | null): DocumentSection[] {
  const text = normalizeVerbatim(parts.filter((part) => !/^(\{\}|\[\]|""|null)?$/.test(part)).join("\n\n"));
  return text ? [{ text, heading, page: null }] : [];
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "";
}
