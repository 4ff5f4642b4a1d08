// No schema change lands without its migration: `npm run db:migration -- <name>` writes the
// migration and copies prisma/schema.prisma to the snapshot, so the two differ only while a
// change has no migration yet. Formatting and comments do not change the database, so they are
// ignored (the migration script would find nothing to write for them).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

function normalized(file: string): string {
  return readFileSync(path.resolve(file), "utf8")
    .split("\n")
    .map((line) =>
      line
        .replace(/(^|\s)\/\/.*$/, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean)
    .join("\n");
}

test("prisma/schema.prisma matches the schema of the last migration", () => {
  const schema = normalized("prisma/schema.prisma");
  const snapshot = normalized("prisma/migrations/schema.snapshot.prisma");
  expect(
    schema === snapshot,
    "prisma/schema.prisma changed since the last migration: run `npm run db:migration -- <name>`",
  ).toBe(true);
});

test("the normalisation keeps what matters", () => {
  // Guards the comparison itself: a real change must not vanish in the normalisation.
  expect(normalized("prisma/schema.prisma")).toMatch(/^model Assistant \{$/m);
  expect(normalized("prisma/schema.prisma")).toMatch(/^url = env\("DATABASE_URL"\)$/m);
});
