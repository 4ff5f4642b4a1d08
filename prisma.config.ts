// Prisma CLI configuration. Hearth uses Prisma's JavaScript engines only (no native engine
// downloads): the CLI generates the client and diffs schemas; migrations are applied by
// server/db/migrate.ts. The adapter's URL is only reached by commands that need a database.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    new PrismaPg({
      connectionString:
        // The CLI runs outside the app, so it reads the variable itself.
        process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    }),
});
