import { expect, inject, test } from "vitest";
import { getDb } from "@/server/db/client";
test("db", async () => {
  console.log(inject("databaseKind"), process.env.VITEST_POOL_ID, process.env.DATABASE_URL);
  expect(await getDb().assistant.count()).toBe(0);
});
