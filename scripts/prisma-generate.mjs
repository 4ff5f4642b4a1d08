// Generates the Prisma client without native engines. Prisma 6.19's CLI checks that native
// engine files exist before it starts, although with `engine: "js"` it never runs them; pointing
// the two variables at any existing file satisfies the check (see shared OFFLINE notes).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const stand_in = fileURLToPath(import.meta.url);
const result = spawnSync(
  "npx",
  ["prisma", ...(process.argv.slice(2).length ? process.argv.slice(2) : ["generate"])],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stand_in,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? stand_in,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
);
process.exit(result.status ?? 1);
