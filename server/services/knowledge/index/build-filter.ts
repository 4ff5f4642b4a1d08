// Search filters become a LanceDB SQL predicate here and only here. Every value from outside is
// written as a SQL string literal with its quotes doubled, never spliced in raw, and attribute
// keys and values are checked for type; a filter that cannot be expressed is refused, not dropped.
import { AppError } from "../../../errors";

export type AttributeValue = string | number | boolean;

export interface SearchFilter {
  /** Only chunks of these files. An empty list matches nothing. */
  fileIds?: string[];
  /** Only chunks whose file has every one of these attributes; a list means any of its values. */
  attributes?: Record<string, AttributeValue | AttributeValue[]>;
}

const MAX_KEY_LENGTH = 256;

/**
 * One exact-match term per attribute, stored in the `attribute_terms` list column. JSON keeps the
 * value's type, so the string "1", the number 1 and `true` are three different terms.
 */
export function attributeTerm(key: string, value: AttributeValue): string {
  return JSON.stringify([key, typeof value === "number" && Object.is(value, -0) ? 0 : value]);
}

/** The terms of a file's attributes; values that are not strings, finite numbers or booleans are not filterable. */
export function attributeTerms(attributes: Record<string, unknown> | null | undefined): string[] {
  return Object.entries(attributes ?? {}).flatMap(([key, value]) =>
    isAttributeValue(value) ? [attributeTerm(key, value)] : [],
  );
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The SQL predicate for a filter, or undefined when it filters nothing. */
export function buildFilter(filter: SearchFilter | undefined): string | undefined {
  const clauses: string[] = [];
  if (filter?.fileIds) {
    if (filter.fileIds.length === 0) return "FALSE";
    clauses.push(`file_id IN (${filter.fileIds.map((id) => sqlString(String(id))).join(", ")})`);
  }
  for (const [key, expected] of Object.entries(filter?.attributes ?? {})) {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new AppError(
        "INVALID_INPUT",
        `An attribute filter key must have 1 to ${MAX_KEY_LENGTH} characters`,
      );
    }
    const values = Array.isArray(expected) ? expected : [expected];
    if (values.length === 0) return "FALSE";
    const terms = values.map((value) => {
      if (!isAttributeValue(value)) {
        throw new AppError(
          "INVALID_INPUT",
          `The attribute filter on '${key}' must be a string, number or boolean`,
        );
      }
      return sqlString(attributeTerm(key, value));
    });
    clauses.push(
      terms.length === 1
        ? `array_has(attribute_terms, ${terms[0]})`
        : `array_has_any(attribute_terms, make_array(${terms.join(", ")}))`,
    );
  }
  return clauses.length > 0 ? clauses.join(" AND ") : undefined;
}

function isAttributeValue(value: unknown): value is AttributeValue {
  return (
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}
