// The processes the peers benchmark measures, each started the way it runs in production: the
// vLLM simulator (in its own process), Portkey's open-source gateway from its published package
// (`node build/start-server.js`, as its Dockerfile's `npm run start:node` does; `--headless`
// leaves out the local log-viewer UI), and Hearth's production build through its launcher, with
// a runtime API key and an assistant without knowledge files created through the REST API.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { adminCall, startHearth, startSimulatorProcess, waitForUrl } from "../bench-support";
import { freePort } from "../../../server/test/free-port";
import { ASSISTANT_ID, MODEL } from "./paths";
import { treeOf, type TreeProcess } from "./proc";

/** The model server: 100 ms to first token, 80 tokens/s, 32 reasoning + 160 answer tokens. */
export const SIMULATOR = { ttftMs: 100, tokensPerSecond: 80, reasoningTokens: 32, answerTokens: 160 };

export interface Running {
  url: string;
  /** The process tree, read again after start-up so that children started late are in it. */
  tree: () => TreeProcess[];
  stop: () => Promise<void>;
}

/** Roles for the memory table. */
function roleOf(command: string): string {
  if (/next-server|next\/dist\/bin\/next/.test(command)) return "web server (next)";
  if (/embedded-db/.test(command)) return "embedded database (PGlite)";
  if (/server\/cli\/start/.test(command)) return "launcher";
  if (/@portkey-ai\/gateway/.test(command)) return "portkey";
  if (/vllm-simulator/.test(command)) return "simulator";
  return command.split(" ")[0]!.split("/").at(-1)!;
}

export async function startSimulatorTree(): Promise<Running & { statsRunning: () => Promise<number> }> {
  const sim = await startSimulatorProcess([
    ...["--ttft-ms", String(SIMULATOR.ttftMs), "--prefill-ms-per-token", "0"],
    ...["--tokens-per-second", String(SIMULATOR.tokensPerSecond), "--batch-slowdown", "0"],
    // Room for every stream of the largest slice at once: the simulator is never the bottleneck.
    ...["--max-batch", "4096", "--kv-cache-tokens", "100000000"],
    ...["--answer-tokens", String(SIMULATOR.answerTokens)],
    ...["--reasoning-tokens", Array(3).fill(SIMULATOR.reasoningTokens).join(",")],
  ]);
  return {
    url: sim.url,
    tree: () => treeOf(sim.pid, roleOf),
    stop: sim.stop,
    async statsRunning() {
      const response = await fetch(`${sim.url}/sim/stats`);
      return ((await response.json()) as { running: number }).running;
    },
  };
}

const requireHere = createRequire(import.meta.url);

/** The installed Portkey's version and the Hono versions it resolves, for the report's header. */
export function portkeyVersions(): string {
  const fromPortkey = createRequire(requireHere.resolve("@portkey-ai/gateway/build/start-server.js"));
  // Node's own lookup from Portkey's folder (Hono's exports leave out its package.json).
  const version = (name: string) => {
    const folder = (fromPortkey.resolve.paths(name) ?? [])
      .map((modules) => path.join(modules, name))
      .find((candidate) => existsSync(path.join(candidate, "package.json")));
    if (!folder) return "?";
    return (JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as { version: string })
      .version;
  };
  return `@portkey-ai/gateway ${version("@portkey-ai/gateway")} (hono ${version("hono")}, @hono/node-server ${version("@hono/node-server")})`;
}

/** Portkey's gateway from node_modules (a devDependency pinned with its lockfile's Hono versions). */
export async function startPortkey(): Promise<Running> {
  const entry = requireHere.resolve("@portkey-ai/gateway/build/start-server.js");
  const port = await freePort();
  const child = spawn(process.execPath, [entry, `--port=${port}`, "--headless"], {
    stdio: ["ignore", "ignore", "inherit"],
    cwd: path.dirname(entry),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(url, 60_000);
  return {
    url,
    tree: () => treeOf(child.pid!, roleOf),
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

/**
 * A production Hearth (`npm run build` first) on a fresh data directory, the simulator as its
 * model backend with room for every stream, and the benchmark's key and assistant. With
 * `databaseUrl` it uses that PostgreSQL database instead of the embedded one.
 */
export async function startHearthTree(
  simUrl: string,
  databaseUrl?: string,
): Promise<Running & { apiKey: string; pid: number }> {
  const hearth = await startHearth({
    HEARTH_LLM_BASE_URL: `${simUrl}/v1`,
    HEARTH_LLM_MODEL: MODEL,
    // As many as the simulator batches: this measures Hearth's overhead, not its queue.
    HEARTH_LLM_MAX_CONCURRENCY: "4096",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  try {
    await adminCall(hearth.url, "POST", "/admin/assistants", {
      id: ASSISTANT_ID,
      name: "Benchmark",
      model: MODEL,
    });
    const key = (await adminCall(hearth.url, "POST", "/admin/api-keys", {
      name: "peers benchmark",
      scope: "runtime",
    })) as { key: string };
    return {
      url: hearth.url,
      pid: hearth.pid,
      apiKey: key.key,
      tree: () => treeOf(hearth.pid, roleOf),
      async stop() {
        const exited = new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            if (!isAlive(hearth.pid)) {
              clearInterval(poll);
              resolve();
            }
          }, 100);
        });
        hearth.stop();
        await exited;
      },
    };
  } catch (error) {
    hearth.stop();
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A new, empty database on a PostgreSQL server (`serverUrl` names any database on it), dropped by `drop`. */
export async function freshPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hearth_peers_${Date.now()}`;
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
