// A Hearth deployment as it runs in production, on loopback: several replicas (each its own
// launcher and `next start`) on one fresh PostgreSQL database, knowledge files and LanceDB on a
// real S3-compatible server (moto), two vLLM simulators as model backends, and HAProxy in front
// with health checks on /health (readiness) and retries of requests a draining replica refused.
// Replicas can be stopped gracefully (SIGTERM), killed (SIGKILL of their process group) and
// started again. Everything is torn down by stop(); each replica's output is kept in its folder.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../../server/test/free-port";
import { startS3Server, type S3TestServer } from "../../../server/test/s3-server";
import { startSimulator, type SimulatorHandle } from "../../../server/simulator/start-simulator";
import type { SimulatorOptions } from "../../../server/simulator/options";
import { launcherPath } from "../../support/launcher";

export const MASTER_KEY = "hth_cluster_master_key_0123456789abcdefgh";
const AUTH_SECRET = "cluster-test-auth-secret-0123456789abcdefghijklmnop";
const ADMIN_DATABASE_URL =
  process.env.HEARTH_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const ROOT = path.resolve(import.meta.dirname, "../../..");
const DB_PREFIX = "hearth_cluster_";

export interface Replica {
  index: number;
  port: number;
  url: string;
  process: ChildProcess | null;
  exitCode: Promise<number | null>;
}

export interface Cluster {
  /** The load balancer: what clients use. */
  url: string;
  replicas: Replica[];
  simulators: SimulatorHandle[];
  s3: S3TestServer;
  model: string;
  /** Admin API call through the load balancer with the master key. */
  admin(method: string, pathname: string, body?: unknown): Promise<Response>;
  start(index: number): Promise<void>;
  /** SIGTERM and wait for the exit; resolves with its exit code. */
  terminate(index: number): Promise<number | null>;
  /** SIGKILL of the replica's whole process group (launcher, Next, children). */
  kill(index: number): Promise<void>;
  /** Waits until the load balancer sees a replica as up again. */
  waitUntilBalanced(index: number): Promise<void>;
  stop(): Promise<void>;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<{ url: string; name: string }> {
  const name = `${DB_PREFIX}${Date.now()}_${process.pid}`;
  await withAdmin(async (client) => {
    const stale = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${DB_PREFIX}%`],
    );
    for (const { datname } of stale.rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function haproxyConfig(port: number, statsPort: number, replicas: Replica[]): string {
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 180s",
    "  timeout server 180s",
    // A request a draining replica refused (503), or one sent to a replica that just went away,
    // goes to another replica: the request has not started, so retrying it is safe.
    "  retries 3",
    "  option redispatch 1",
    "  retry-on conn-failure empty-response response-timeout 503",
    "  option http-buffer-request",
    "frontend hearth",
    `  bind 127.0.0.1:${port}`,
    "  default_backend replicas",
    "frontend stats",
    `  bind 127.0.0.1:${statsPort}`,
    "  stats enable",
    "  stats uri /stats",
    "backend replicas",
    "  balance roundrobin",
    "  option httpchk GET /health",
    "  http-check expect status 200",
    "  default-server inter 500ms fall 1 rise 2",
    ...replicas.map((replica) => `  server r${replica.index} 127.0.0.1:${replica.port} check`),
    "",
  ].join("\n");
}

export async function startCluster(
  options: {
    replicas?: number;
    maxConcurrency?: number;
    simulator?: SimulatorOptions;
    env?: Record<string, string>;
  } = {},
): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-cluster-"));
  const model = "gpt-oss-20b";
  const database = await createDatabase();
  const s3 = await startS3Server();
  await s3.createBucket("hearth");
  const simulators = await Promise.all(
    [0, 1].map(() =>
      startSimulator({
        ttftMs: 50,
        tokensPerSecond: 200,
        answerTokens: 40,
        ...options.simulator,
        models: [model],
      }),
    ),
  );
  const lbPort = await freePort();
  const statsPort = await freePort();
  const replicas: Replica[] = [];
  for (let index = 0; index < (options.replicas ?? 3); index++) {
    const port = await freePort();
    replicas.push({
      index,
      port,
      url: `http://127.0.0.1:${port}`,
      process: null,
      exitCode: Promise.resolve(null),
    });
  }
  const lbUrl = `http://127.0.0.1:${lbPort}`;

  const replicaEnv = (replica: Replica): Record<string, string> => ({
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    PORT: String(replica.port),
    HOST: "127.0.0.1",
    HEARTH_PUBLIC_URL: lbUrl,
    DATABASE_URL: database.url,
    HEARTH_DB_POOL_SIZE: "4",
    HEARTH_DATA_DIR: path.join(dir, `replica-${replica.index}`),
    HEARTH_AUTH_SECRET: AUTH_SECRET,
    HEARTH_MASTER_KEY: MASTER_KEY,
    HEARTH_STORAGE_URI: "s3://hearth/files",
    HEARTH_LANCEDB_URI: "s3://hearth/lancedb",
    ...s3.env,
    HEARTH_EMBEDDINGS_PROVIDER: "hash",
    HEARTH_SHUTDOWN_GRACE_MS: "20000",
    HEARTH_HEALTH_INTERVAL_MS: "1000",
    HEARTH_QUEUE_SIZE: "64",
    HEARTH_QUEUE_TIMEOUT_MS: "60000",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "info",
    ...options.env,
  });

  const start = async (index: number) => {
    const replica = replicas[index]!;
    mkdirSync(path.join(dir, `replica-${index}`), { recursive: true });
    const log = createWriteStream(path.join(dir, `replica-${index}.log`), { flags: "a" });
    const child = spawn(process.execPath, [launcherPath()], {
      cwd: ROOT,
      env: replicaEnv(replica) as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    replica.process = child;
    replica.exitCode = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    await waitFor(
      async () => (await fetch(`${replica.url}/health`)).status === 200,
      `replica ${index} to be ready (log: ${path.join(dir, `replica-${index}.log`)})`,
    );
  };

  const haproxyFile = path.join(dir, "haproxy.cfg");
  writeFileSync(haproxyFile, haproxyConfig(lbPort, statsPort, replicas));
  const statsCsv = async () => (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
  const serverUp = async (index: number) =>
    (await statsCsv())
      .split("\n")
      .some((line) => line.startsWith(`replicas,r${index},`) && line.split(",")[17] === "UP");

  const admin = (method: string, pathname: string, body?: unknown) =>
    fetch(`${lbUrl}${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${MASTER_KEY}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // The first replica applies the migrations alone; the others start together.
  await start(0);
  await Promise.all(replicas.slice(1).map((replica) => start(replica.index)));
  const haproxy = spawn("haproxy", ["-f", haproxyFile, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
  let haproxyErrors = "";
  haproxy.stderr?.on(
    "data",
    (chunk: Buffer) => (haproxyErrors = (haproxyErrors + chunk.toString()).slice(-4000)),
  );
  const waitUntilBalanced = (index: number) =>
    waitFor(() => serverUp(index), `HAProxy to see replica ${index} up`, 30_000);
  await Promise.all(replicas.map((replica) => waitUntilBalanced(replica.index))).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\n${haproxyErrors}`);
  });

  for (const [i, simulator] of simulators.entries()) {
    const response = await admin("POST", "/admin/backends", {
      name: `vllm-${i}`,
      kind: "openai_compatible",
      base_url: simulator.baseUrl,
      models: [model],
      max_concurrency: options.maxConcurrency ?? 4,
    });
    if (response.status !== 201)
      throw new Error(`backend registration: ${response.status} ${await response.text()}`);
  }

  const signalGroup = (replica: Replica, signal: NodeJS.Signals) => {
    const pid = replica.process?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };

  return {
    url: lbUrl,
    replicas,
    simulators,
    s3,
    model,
    admin,
    start,
    waitUntilBalanced,
    async terminate(index) {
      const replica = replicas[index]!;
      // The launcher passes SIGTERM on to the web server, which drains, exits 0, and so does it.
      replica.process?.kill("SIGTERM");
      const code = await replica.exitCode;
      replica.process = null;
      return code;
    },
    async kill(index) {
      const replica = replicas[index]!;
      signalGroup(replica, "SIGKILL");
      await replica.exitCode;
      replica.process = null;
    },
    async stop() {
      for (const replica of replicas) signalGroup(replica, "SIGKILL");
      await Promise.all(replicas.map((replica) => replica.exitCode));
      haproxy.kill("SIGKILL");
      await Promise.all(simulators.map((simulator) => simulator.stop()));
      await s3.stop();
      await withAdmin((client) =>
        client.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`),
      ).catch(() => undefined);
      console.log(`cluster logs kept in ${dir}`);
    },
  };
}
