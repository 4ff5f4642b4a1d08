// Benchmark (prints numbers; not a test): the shared state behind cluster admission, PostgreSQL
// against Redis, measured with each one's own load tool at the same concurrency, on loopback.
// - PostgreSQL (what Hearth uses): pgbench runs the slot ledger's own statements
//   (gateway/cluster/slot-ledger.ts: take a slot, then free it) in a fresh, migrated database.
// - Redis (the usual choice of gateways such as LiteLLM): redis-benchmark runs the smallest Lua
//   script that could take a slot (INCR, DECR back when over the limit); freeing is another such
//   round trip. A real Redis ledger would need more (FIFO waiters, leases that expire with a dead
//   replica), so this is Redis' floor.
// Hearth's own per-question cost (the chat-overhead bench) is the scale to read these against.
//
//   npm run bench:admission-store
//   CLIENTS=64 SECONDS=10 npm run bench:admission-store
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../../server/db/migrate";
import { LIVE_REPLICAS_SQL } from "../../server/services/cluster/replica";
import { percentile, printHeader, printTable, progress, type Cell } from "./bench-support";

const CLIENTS = Number(process.env.CLIENTS ?? 64);
const SECONDS = Number(process.env.SECONDS ?? 10);
const ADMIN_URL = process.env.HEARTH_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_PORT = process.env.REDIS_PORT ?? "6379";
/** Questions per second offered to PostgreSQL (pgbench -R); "max" runs unthrottled. */
const RATES = (process.env.RATES ?? "100,400,max").split(",");

// The ledger's statements, with pgbench variables for the parameters (see slot-ledger.ts).
const PGBENCH_SCRIPT = `
\\set lease random(1, 1000000000)
UPDATE "BackendSlot" s SET "leaseId" = 'bench-' || :lease, "replicaId" = 'bench-replica', "heldSince" = now() AT TIME ZONE 'UTC'
FROM (
  WITH live AS (${LIVE_REPLICAS_SQL})
  SELECT b2."backendId", b2.slot FROM "BackendSlot" b2
  JOIN unnest(ARRAY['bench-backend']::text[]) WITH ORDINALITY AS c(id, rank) ON c.id = b2."backendId"
  JOIN "Backend" b ON b.id = b2."backendId"
  WHERE b2.slot < b."maxConcurrency"
    AND (b2."leaseId" IS NULL OR b2."replicaId" NOT IN (SELECT id FROM live))
    AND NOT EXISTS (SELECT 1 FROM "AdmissionWaiter" w WHERE w.model = 'm' AND w."replicaId" IN (SELECT id FROM live))
  ORDER BY c.rank, b2.slot LIMIT 1 FOR UPDATE OF b2 SKIP LOCKED
) f
WHERE s."backendId" = f."backendId" AND s.slot = f.slot;
UPDATE "BackendSlot" SET "leaseId" = NULL, "replicaId" = NULL, "heldSince" = NULL WHERE "leaseId" = 'bench-' || :lease;
`.trim();

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs the ledger's take and free at `rate` questions/s; [questions/s done, step p50, step p99]. */
function pgbench(url: string, rate: string): Cell[] {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-pgbench-"));
  const script = path.join(dir, "ledger.sql");
  writeFileSync(script, PGBENCH_SCRIPT);
  const throttle = rate === "max" ? [] : ["-R", rate];
  execFileSync(
    "pgbench",
    [
      "-n",
      "-c",
      String(CLIENTS),
      "-j",
      "2",
      "-T",
      String(SECONDS),
      ...throttle,
      "-f",
      script,
      "-l",
      "--log-prefix",
      path.join(dir, "tx"),
      url,
    ],
    { stdio: ["ignore", "ignore", "inherit"], cwd: dir },
  );
  // Per-transaction log: client, transaction, latency in microseconds, ...
  const latencies = readdirSync(dir)
    .filter((file) => file.startsWith("tx"))
    .flatMap((file) => readFileSync(path.join(dir, file), "utf8").trim().split("\n"))
    .map((line) => Number(line.split(" ")[2]) / 1000)
    .filter(Number.isFinite);
  // One transaction is two round trips (take, free): half of it is what a question waits for.
  return [latencies.length / SECONDS, percentile(latencies, 50) / 2, percentile(latencies, 99) / 2];
}

async function postgres(): Promise<Cell[][]> {
  const name = `hearth_bench_store_${Date.now()}`;
  await withClient(ADMIN_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    await migrate(url.toString(), path.resolve("prisma/migrations"));
    await withClient(url.toString(), async (client) => {
      await client.query(
        `INSERT INTO "Backend" (id, name, kind, "baseUrl", models, "maxConcurrency", "updatedAt")
         VALUES ('bench-backend', 'bench', 'openai_compatible', 'http://127.0.0.1:9/v1', ARRAY['m'], 1000, now())`,
      );
      await client.query(
        `INSERT INTO "BackendSlot" ("backendId", slot) SELECT 'bench-backend', g FROM generate_series(0, 999) g`,
      );
      // Far in the future: the replica stays alive for the whole run.
      await client.query(
        `INSERT INTO "Replica" (id, hostname, pid, "heartbeatAt") VALUES ('bench-replica', 'bench', 1, now() + interval '1 day')`,
      );
    });
    const rows: Cell[][] = [];
    for (const rate of RATES) {
      progress(`PostgreSQL at ${rate} questions/s`);
      rows.push([`PostgreSQL (slot ledger statements)`, rate, ...pgbench(url.toString(), rate)]);
    }
    return rows;
  } finally {
    await withClient(ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

function redis(): Cell[] {
  const script =
    "local n = redis.call('INCR', KEYS[1]) if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end return 1";
  const result = spawnSync(
    "redis-benchmark",
    [
      "-p",
      REDIS_PORT,
      "-c",
      String(CLIENTS),
      "-n",
      String(20_000 * 5),
      "--csv",
      "EVAL",
      script,
      "1",
      "hearth:bench:slots",
      "1000000000",
    ],
    { encoding: "utf8" },
  );
  spawnSync("redis-cli", ["-p", REDIS_PORT, "DEL", "hearth:bench:slots"]);
  if (result.status !== 0) throw new Error(`redis-benchmark failed: ${result.stderr}`);
  const row = result.stdout.trim().split("\n").at(-1)!.split('","');
  const [rps, , , p50, , p99] = row.slice(1).map((cell) => Number(cell.replaceAll('"', "")));
  return ["Redis (one Lua script per step, its floor)", "max", rps! / 2, p50!, p99!];
}

async function main() {
  printHeader(
    "admission-store",
    "cost of one step of cluster admission (take or free a slot) in the shared store",
    {
      load: `${CLIENTS} concurrent clients on loopback, each taking and freeing slots back to back`,
      tools: "pgbench (PostgreSQL) and redis-benchmark (Redis), each store's own load tool",
    },
  );
  const rows: Cell[][] = await postgres();
  progress("Redis");
  rows.push(redis());
  printTable(
    "One step (a round trip: take, or free) under load",
    ["store", "offered/s", "questions/s (take + free)", "step p50 ms", "step p99 ms"],
    rows,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
