// Benchmark (prints numbers; not a test): the dashboard's history, GET /admin/telemetry/series,
// through its service (readTelemetrySeries: the usage rollups, and the stored answers' latency
// percentiles and SLA compliance). N answers (and their questions) spread over the last 30 days
// among a few assistants, with the rollups persist-exchange.ts would have written for them (minute
// rows for the last 2 days only, as pruning keeps them), are seeded into the embedded PGlite (on
// disk, served by its own process, as the launcher runs it) and, when asked, into a fresh
// database on a PostgreSQL server. Then every range is read whole, and as a dashboard's refresh
// (`since` the newest bucket), several times each, after one read that is not counted.
//
//   npm run bench:series
//   npm run bench:series -- --answers 20000 --reps 5
//   npm run bench:series -- --postgres                     (also PostgreSQL, at DATABASE_URL or
//   npm run bench:series -- --postgres-url postgresql://…   127.0.0.1:5432: a database of its own)
//
// The reads run in a child process of their own per database (`--measure`), whose environment
// names that database, as Hearth's would.
import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "../../server/db/migrate";
import type { SeriesRange } from "../../server/schemas/telemetry";
import { percentile, printHeader, printTable, progress, type Cell } from "./bench-support";

const RANGES: SeriesRange[] = ["1h", "24h", "7d", "30d"];
const BUCKET_MS: Record<SeriesRange, number> = {
  "1h": 60_000,
  "24h": 15 * 60_000,
  "7d": 3_600_000,
  "30d": 6 * 3_600_000,
};
const ASSISTANTS = 5;
const ANSWERS_PER_SESSION = 4;
const THIS_FILE = fileURLToPath(import.meta.url);

const { values: flags } = parseArgs({
  options: {
    answers: { type: "string", default: "100000" },
    reps: { type: "string", default: "10" },
    postgres: { type: "boolean", default: false },
    "postgres-url": { type: "string" },
    measure: { type: "boolean", default: false },
    now: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

interface Timing {
  read: string;
  buckets: number;
  /** The answers the read counted (its buckets' requests): what the seeded range holds. */
  requests: number;
  ms: number[];
}

// ---- The measuring child: reads the series through the service, on the database in its env.

async function measure(now: Date, reps: number): Promise<Timing[]> {
  const { readTelemetrySeries } = await import("../../server/services/telemetry/read-telemetry-series");
  const { system } = await import("../../server/services/access/actor");
  const { closeDb } = await import("../../server/db/client");
  const reads = RANGES.flatMap((range) => [
    { read: `${range}, whole`, query: { range } },
    // What a dashboard polls: from the newest bucket on.
    {
      read: `${range}, since the newest bucket`,
      query: { range, since: new Date(Math.floor(now.getTime() / BUCKET_MS[range]) * BUCKET_MS[range]) },
    },
  ]);
  const timings: Timing[] = [];
  for (const { read, query } of reads) {
    const ms: number[] = [];
    let buckets = 0;
    let requests = 0;
    for (let rep = 0; rep <= reps; rep++) {
      const started = performance.now();
      const series = await readTelemetrySeries(system, query, now);
      // The first read warms the connection, the statements and the database's caches.
      if (rep > 0) ms.push(performance.now() - started);
      buckets = series.buckets.length;
      requests = series.buckets.reduce((sum, bucket) => sum + bucket.requests, 0);
    }
    timings.push({ read, buckets, requests, ms });
  }
  await closeDb();
  return timings;
}

/** The child's part: the timings, sent to the parent. */
async function measureAndReport(): Promise<void> {
  const timings = await measure(new Date(flags.now!), Number(flags.reps));
  await new Promise((resolve) => process.send!(timings, undefined, {}, resolve));
  process.disconnect();
}

// ---- The parent: databases, seeding, and the tables.

const answers = Number(flags.answers);
const reps = Number(flags.reps);
if (!Number.isInteger(answers) || answers < 1)
  throw new Error("--answers: a whole number of answers, at least 1");
if (!Number.isInteger(reps) || reps < 1) throw new Error("--reps: a whole number of reads, at least 1");
const postgresUrl =
  flags["postgres-url"] ??
  (flags.postgres || process.env.DATABASE_URL
    ? (process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres")
    : null);

/**
 * N answers (and their questions) over the 30 days before `now`, finished at random times: about
 * 2 % failed and 0.5 % cancelled, 0.1-2 s to the first token, 2-60 s in all. Timestamps are UTC
 * wall-clock times, as Prisma stores `timestamp(3)` (an ISO string cast to timestamp drops its Z).
 */
const SEED = [
  `SELECT setseed(0.42)`,
  `INSERT INTO "Assistant" (id, name, model, "updatedAt")
   SELECT 'bench-' || g, 'Bench ' || g, 'gpt-oss-20b', $1::timestamp FROM generate_series(1, ${ASSISTANTS}) g`,
  `INSERT INTO "Backend" (id, name, kind, "baseUrl", models, "updatedAt")
   VALUES ('bench-backend', 'bench', 'openai_compatible', 'http://127.0.0.1:9/v1', ARRAY['gpt-oss-20b'], $1::timestamp)`,
  `INSERT INTO "ChatSession" (id, "assistantId", channel, "messageCount", "createdAt", "updatedAt")
   SELECT 'bs_' || g, 'bench-' || (g % ${ASSISTANTS} + 1), 'api', ${2 * ANSWERS_PER_SESSION},
     $1::timestamp - interval '30 days', $1::timestamp
   FROM generate_series(0, $2::int / ${ANSWERS_PER_SESSION}) g`,
  `CREATE TEMP TABLE bench_answer AS
   SELECT g, 'bs_' || (g / ${ANSWERS_PER_SESSION}) AS session, 'bench-' || ((g / ${ANSWERS_PER_SESSION}) % ${ASSISTANTS} + 1) AS assistant,
     $1::timestamp - random() * interval '30 days' AS finished,
     (100 + random() * 1900)::int AS ttft, (2000 + random() * 58000)::int AS total,
     (200 + random() * 3000)::int AS prompt, (20 + random() * 800)::int AS completion,
     CASE WHEN random() < 0.02 THEN 'failed' WHEN random() < 0.005 THEN 'cancelled' ELSE 'completed' END AS status
   FROM generate_series(0, $2::int - 1) g`,
  `INSERT INTO "Message" (id, "sessionId", "assistantId", role, content, status, "createdAt", "updatedAt")
   SELECT 'bm_q' || g, session, assistant, 'user', 'How do refunds work?', 'completed',
     finished - total * interval '1 ms', finished - total * interval '1 ms'
   FROM bench_answer`,
  `INSERT INTO "Message" (id, "sessionId", "assistantId", role, content, status, model, "backendId",
     "promptTokens", "completionTokens", "queueMs", "ttftMs", "totalMs", "createdAt", "updatedAt")
   SELECT 'bm_a' || g, session, assistant, 'assistant', 'Refunds take five working days.', status::"MessageStatus",
     'gpt-oss-20b', 'bench-backend', prompt, completion, 0, ttft, total,
     finished - total * interval '1 ms' + interval '1 ms', finished
   FROM bench_answer`,
  `INSERT INTO "UsageRollup" (period, bucket, "assistantId", "apiKeyId", "endUserId", channel, model,
     "backendId", outcome, requests, "promptTokens", "completionTokens", "reasoningTokens", "gpuMs", cost)
   SELECT p.period::"UsagePeriod", date_trunc(p.period, finished), assistant, '', '', 'api', 'gpt-oss-20b',
     'bench-backend', status::"MessageStatus", count(*), sum(prompt), sum(completion), 0, sum(total), 0
   FROM bench_answer CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) AS p(period)
   WHERE p.period <> 'minute' OR finished >= $1::timestamp - interval '2 days'
   GROUP BY 1, 2, 3, 9`,
  `DROP TABLE bench_answer`,
  `ANALYZE`,
];

async function seed(url: string, now: Date): Promise<void> {
  await migrate(url, path.resolve("prisma/migrations"));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of SEED) {
      // $1 now, $2 the number of answers: each statement gets those it uses.
      const used = Math.max(0, ...[...statement.matchAll(/\$(\d)/g)].map((match) => Number(match[1])));
      await client.query(statement, [now.toISOString(), answers].slice(0, used));
    }
  } finally {
    await client.end();
  }
}

/** The reads, timed in a child process whose environment names the database. */
async function timeReads(url: string, embedded: boolean, now: Date): Promise<Timing[]> {
  const child = fork(THIS_FILE, ["--measure", "--now", now.toISOString(), "--reps", String(reps)], {
    env: { ...process.env, DATABASE_URL: url, HEARTH_DB_EMBEDDED: String(embedded), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const [timings] = (await once(child, "message")) as [Timing[]];
  if (child.exitCode === null) await once(child, "exit");
  return timings;
}

/** The embedded PGlite on a fresh data directory, served by its own process as the launcher does. */
async function startPglite(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-bench-series-"));
  const child = fork(
    path.resolve("server/cli/embedded-db.ts"),
    [path.join(dir, "pglite"), path.join(dir, "pglite-password")],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const [message] = (await once(child, "message")) as [{ url: string }];
  return {
    url: message.url,
    async stop() {
      child.disconnect();
      if (child.exitCode === null) await once(child, "exit");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onServer(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function runPglite(now: Date): Promise<Timing[]> {
  progress("starting PGlite");
  const db = await startPglite();
  try {
    progress(`seeding ${answers} answers into PGlite`);
    const started = performance.now();
    await seed(db.url, now);
    progress(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; reading`);
    return await timeReads(db.url, true, now);
  } finally {
    await db.stop();
  }
}

async function runPostgres(serverUrl: string, now: Date): Promise<Timing[]> {
  const name = `hearth_bench_series_${Date.now()}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    progress(`seeding ${answers} answers into PostgreSQL (${name})`);
    const started = performance.now();
    await seed(url.toString(), now);
    progress(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; reading`);
    return await timeReads(url.toString(), false, now);
  } finally {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  if (flags.help) {
    console.log(
      "npm run bench:series -- [--answers N (100000)] [--reps R (10)] [--postgres] [--postgres-url URL]",
    );
    return;
  }
  const now = new Date();
  printHeader("telemetry-series", "GET /admin/telemetry/series through its service, per range", {
    answers,
    assistants: ASSISTANTS,
    "spread over (days)": 30,
    "timed reads each": reps,
    databases: postgresUrl ? "PGlite, PostgreSQL" : "PGlite",
    "load average at start (1 min)": loadavg()[0]!.toFixed(2),
  });
  const results: [string, Timing[]][] = [["PGlite", await runPglite(now)]];
  if (postgresUrl) results.push(["PostgreSQL", await runPostgres(postgresUrl, now)]);
  for (const [database, timings] of results) {
    const rows: Cell[][] = timings.map(({ read, buckets, requests, ms }) => [
      read,
      buckets,
      requests,
      percentile(ms, 50),
      Math.min(...ms),
      Math.max(...ms),
    ]);
    printTable(
      `${database}: ${answers} answers`,
      ["read", "buckets", "answers", "p50 ms", "min ms", "max ms"],
      rows,
    );
  }
}

// Run as the measuring child (`--measure`), or as the benchmark itself.
if (flags.measure) await measureAndReport();
else await main();
