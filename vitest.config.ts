// Vitest runs the server's test files twice: against embedded PGlite (the default database) and
// against a PostgreSQL server, so that both engines behave the same for everything Hearth does.
// Each project's global setup starts or creates its database and hands the URL to the workers.
// Files run one at a time: within a project they share one database, reset between tests.
// The console's and the widget's tests (app/) need no database: they run once, in the `unit`
// project, which does not extend the root (that would add the database setup to it).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { testEnv } from "./server/test/test-env.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = [{ find: /^@\//, replacement: root }];

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "node",
    include: ["server/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    env: testEnv,
    setupFiles: ["server/test/setup.ts"],
    projects: [
      { extends: true, test: { name: "pglite", globalSetup: ["server/test/global-setup-pglite.ts"] } },
      { extends: true, test: { name: "postgres", globalSetup: ["server/test/global-setup-postgres.ts"] } },
      {
        resolve: { alias },
        test: { name: "unit", environment: "node", include: ["app/**/*.test.ts"] },
      },
    ],
  },
});
