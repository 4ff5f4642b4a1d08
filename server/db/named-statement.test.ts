// Named statements: one name per text (node-postgres refuses one name for two texts), and a named
// statement runs again on the same connection with new values (prepared once, then only bound).
import { describe, expect, test } from "vitest";
import { env } from "../env";
import { closeDb, getPool } from "./client";
import { namedStatement, questionPathStatement } from "./named-statement";

describe("namedStatement", () => {
  test("gives the same statement for the same text and another for another text", () => {
    const text = "SELECT $1::int + 1 AS n";
    const first = namedStatement(text);
    expect(namedStatement(`${text}`)).toBe(first);
    expect(first.text).toBe(text);
    expect(namedStatement("SELECT $1::int + 2 AS n").name).not.toBe(first.name);
    // PostgreSQL truncates identifiers past 63 bytes, which could make two names one.
    expect(first.name.length).toBeLessThanOrEqual(63);
  });

  test("the question path's statements are named on the embedded database only", () => {
    const text = "SELECT $1::int + 3 AS n";
    expect(questionPathStatement(text)).toEqual(env.HEARTH_DB_EMBEDDED ? namedStatement(text) : { text });
  });

  test("runs again with new values once prepared", async () => {
    const statement = namedStatement("SELECT $1::int * 2 AS n, $2::text AS label");
    const client = await getPool().connect();
    try {
      const runs = [];
      for (const n of [1, 2, 3]) runs.push((await client.query(statement, [n, `run ${n}`])).rows[0]);
      expect(runs).toEqual([
        { n: 2, label: "run 1" },
        { n: 4, label: "run 2" },
        { n: 6, label: "run 3" },
      ]);
      const prepared = await client.query(
        "SELECT count(*)::int AS count FROM pg_prepared_statements WHERE name = $1",
        [statement.name],
      );
      expect(prepared.rows[0]).toEqual({ count: 1 });
    } finally {
      client.release();
    }
  });

  test("runs on a new connection after the one that prepared it closed", async () => {
    // The embedded database keeps one session behind every connection: the statement prepared
    // before is still there when the pool reconnects, and must not make preparing it again fail.
    const statement = namedStatement("SELECT $1::int - 1 AS n");
    expect((await getPool().query(statement, [5])).rows).toEqual([{ n: 4 }]);
    await closeDb();
    expect((await getPool().query(statement, [7])).rows).toEqual([{ n: 6 }]);
  });
});
