// Writes a new migration from the difference between the schema as of the last migration
// (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma, then updates the snapshot.
// Usage: npm run db:migration -- <name>
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrations = path.join(root, "prisma", "migrations");
const snapshot = path.join(migrations, "schema.snapshot.prisma");
const schema = path.join(root, "prisma", "schema.prisma");
const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const standIn = fileURLToPath(import.meta.url);

const diff = spawnSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
  {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      PRISMA_SCHEMA_ENGINE_BINARY: standIn,
      PRISMA_QUERY_ENGINE_LIBRARY: standIn,
    },
  },
);
if (diff.status !== 0) {
  console.error(diff.stderr);
  process.exit(diff.status ?? 1);
}
if (!diff.stdout.trim() || diff.stdout.includes("-- This is an empty migration.")) {
  console.log("The schema has not changed since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrations, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
copyFileSync(schema, snapshot);
if (!existsSync(path.join(migrations, "migration_lock.toml"))) {
  writeFileSync(path.join(migrations, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
