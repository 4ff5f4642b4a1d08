// The statements every question runs (recording the exchange, taking and freeing a backend slot)
// as named, server-side prepared statements. An unnamed statement is parsed, analysed and planned
// by PostgreSQL on every execution; these are large CTEs, and that work was most of the database's
// CPU per answer. A named one is parsed once per connection, and node-postgres then sends only
// Bind/Execute. The name is derived from the text, so two texts never share a name (node-postgres
// refuses that) and the same text always finds its statement on a connection that prepared it.
// Only on the embedded database (PGlite, where planning runs in WebAssembly and cost 1.1-1.3 ms of
// CPU per answer's statement against 0.3 ms prepared): a PostgreSQL server plans these in a
// fraction of that, and a pooler in transaction mode in front of it (PgBouncer before 1.21, or
// without `max_prepared_statements`) would lose prepared statements between transactions.
import { createHash } from "node:crypto";
import { env } from "../env";

export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

const byText = new Map<string, NamedStatement>();

/** `text` as a named statement. */
export function namedStatement(text: string): NamedStatement {
  let statement = byText.get(text);
  if (!statement) {
    const hash = createHash("sha256").update(text).digest("hex").slice(0, 24);
    statement = { name: `hearth_${hash}`, text };
    byText.set(text, statement);
  }
  return statement;
}

/**
 * A statement of the question path, for `pool.query(questionPathStatement(text), values)`: named
 * on the embedded database, plain text on a PostgreSQL server.
 */
export function questionPathStatement(text: string): { name?: string; text: string } {
  return env.HEARTH_DB_EMBEDDED ? namedStatement(text) : { text };
}
