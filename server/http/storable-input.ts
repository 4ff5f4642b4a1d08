// The edge check every request's input passes (REST bodies, query and path parameters, tRPC input)
// before any schema or service sees it: strings PostgreSQL cannot store and structures deeper than
// any real input. U+0000 is refused by PostgreSQL text and jsonb columns, and an unpaired UTF-16
// surrogate has no UTF-8 form (the driver cannot even send it): both used to surface as database
// errors, that is 500s. Refusing them here gives a 400 naming the field; the error mapping keeps a
// backstop for the database's own "invalid byte sequence" errors.
import { AppError } from "../errors";

/** Deeper than any input Hearth accepts (chat messages, tool schemas); bounds recursion below. */
export const MAX_INPUT_DEPTH = 64;

const NUL = "\u0000";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (text.includes(NUL)) return "contains U+0000 (NUL), which text cannot hold";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate (not valid Unicode)";
  return null;
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

interface Node {
  value: unknown;
  key: string;
  parent: Node | null;
  depth: number;
}

const pathOf = (node: Node | null): string[] => (node ? [...pathOf(node.parent), node.key] : []);

function refuse(node: Node, problem: string): AppError {
  const path = pathOf(node).filter(Boolean).join(".");
  return new AppError("INVALID_INPUT", `Invalid ${path || "input"}: ${problem}`, {
    details: [{ path, message: problem }],
  });
}

/**
 * Throws INVALID_INPUT, naming the field (`body.messages.0.content`: `where` comes first, if any),
 * when a string or an object key in `value` cannot be stored, or when `value` nests deeper than
 * MAX_INPUT_DEPTH. Walks without recursion, so a hostile depth cannot overflow the stack here.
 */
export function assertStorableInput(value: unknown, where = ""): void {
  const pending: Node[] = [{ value, key: where, parent: null, depth: 0 }];
  for (;;) {
    const node = pending.pop();
    if (!node) return;
    const current = node.value;
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) throw refuse(node, problem);
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (node.depth >= MAX_INPUT_DEPTH) {
      throw refuse({ ...node, key: where, parent: null }, `nested deeper than ${MAX_INPUT_DEPTH} levels`);
    }
    const depth = node.depth + 1;
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        pending.push({ value: item, key: String(index), parent: node, depth }),
      );
    } else if (isPlainObject(current)) {
      for (const [key, item] of Object.entries(current)) {
        const problem = textProblem(key);
        if (problem) throw refuse(node, `has a key that ${problem}`);
        pending.push({ value: item, key, parent: node, depth });
      }
    }
  }
}
