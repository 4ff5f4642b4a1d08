import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from "vitest";
import { getDb } from "@/server/db/client";
import { freshDatabase, type FreshDatabase } from "@/server/test/fresh-database";
import { migrate, readMigrations } from "./migrate";

let db: FreshDatabase;
let dir: string;

beforeAll(async () => {
  db = await freshDatabase();
});

afterAll(async () => {
  await db.drop();
});

beforeEach(async () => {
  await db.reset();
  dir = mkdtempSync(path.join(tmpdir(), "hearth-migrations-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeMigration(name: string, sql: string) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
}

const history = () =>
  db.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );

const tables = async () =>
  (
    await db.query<{ name: string }>(
      `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
  ).map((row) => row.name);

const first = `CREATE TABLE "Widget" ("id" TEXT PRIMARY KEY);`;
const second = `ALTER TABLE "Widget" ADD COLUMN "name" TEXT NOT NULL DEFAULT '';`;

describe("migrate", () => {
  test("applies pending migrations in name order, once each", async () => {
    // Written out of order: the runner sorts by folder name.
    writeMigration("20240102000000_add_name", second);
    writeMigration("20240101000000_widget", first);
    expect(await migrate(db.url, dir)).toEqual(["20240101000000_widget", "20240102000000_add_name"]);
    expect(await migrate(db.url, dir)).toEqual([]);
    expect(await tables()).toEqual(["Widget", "_prisma_migrations"]);
    await db.query(`INSERT INTO "Widget" (id, name) VALUES ('w1', 'first')`);
  });

  test("records each migration like Prisma does, with its SHA-256 checksum", async () => {
    writeMigration("20240101000000_widget", first);
    await migrate(db.url, dir);
    const [row, ...others] = await history();
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      migration_name: "20240101000000_widget",
      checksum: sha256(first),
      applied_steps_count: 1,
    });
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(row?.checksum).toBe(readMigrations(dir)[0]?.checksum);
  });

  test("applies only the migrations added since the last run", async () => {
    writeMigration("20240101000000_widget", first);
    await migrate(db.url, dir);
    writeMigration("20240102000000_add_name", second);
    expect(await migrate(db.url, dir)).toEqual(["20240102000000_add_name"]);
    expect((await history()).map((row) => row.migration_name)).toEqual([
      "20240101000000_widget",
      "20240102000000_add_name",
    ]);
  });

  test("refuses a migration changed after it was applied (checksum mismatch)", async () => {
    writeMigration("20240101000000_widget", first);
    await migrate(db.url, dir);
    writeMigration("20240101000000_widget", `${first}\n-- edited later`);
    writeMigration("20240102000000_add_name", second);
    await expect(migrate(db.url, dir)).rejects.toThrow(
      /20240101000000_widget was changed after it was applied/,
    );
    // Nothing after the drifted migration was applied either.
    expect(await history()).toHaveLength(1);
  });

  test("rolls back a failing migration and records nothing for it", async () => {
    writeMigration("20240101000000_widget", first);
    writeMigration(
      "20240102000000_broken",
      `CREATE TABLE "Gadget" ("id" TEXT);\nSELECT * FROM "no_such_table";`,
    );
    await expect(migrate(db.url, dir)).rejects.toThrow(
      /Migration 20240102000000_broken failed and was rolled back/,
    );
    expect((await history()).map((row) => row.migration_name)).toEqual(["20240101000000_widget"]);
    expect(await tables()).not.toContain("Gadget");
  });

  test("refuses to continue over a migration that started but never finished", async () => {
    writeMigration("20240101000000_widget", first);
    await migrate(db.url, dir);
    await db.query(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(migrate(db.url, dir)).rejects.toThrow(/started earlier but never finished/);
  });

  test("an empty or missing folder applies nothing", async () => {
    expect(await migrate(db.url, dir)).toEqual([]);
    expect(await migrate(db.url, path.join(dir, "missing"))).toEqual([]);
    expect(await history()).toEqual([]);
  });

  // PGlite has a single backend session behind every socket connection, so advisory locks do not
  // exclude one connection from another there; Hearth runs migrations from one launcher process.
  test.runIf(inject("databaseKind") === "postgres")(
    "two runs at once apply each migration once",
    async () => {
      writeMigration("20240101000000_widget", first);
      writeMigration("20240102000000_add_name", second);
      const [a, b] = await Promise.all([migrate(db.url, dir), migrate(db.url, dir)]);
      expect([...a, ...b].sort()).toEqual(["20240101000000_widget", "20240102000000_add_name"]);
      expect(await history()).toHaveLength(2);
    },
  );
});

describe("the project's migrations", () => {
  test("apply to an empty database, and the test database has every one of them", async () => {
    const folder = path.resolve("prisma/migrations");
    const names = readMigrations(folder).map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await migrate(db.url, folder)).toEqual(names);
    const applied = await getDb().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(applied.map((row) => row.migration_name)).toEqual(names);
  });
});
