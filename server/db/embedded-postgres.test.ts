// The embedded database refuses connections without its password: through a real `pg` client, a
// raw socket that skips authentication, and the launcher's child process with its password file.
// It concerns PGlite alone, so it runs in the pglite project only.
import { fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

const withPassword = (url: string, password: string | null) => {
  const changed = new URL(url);
  changed.password = password ?? "";
  return changed.toString();
};

/** Connects and runs one query; the error's SQLSTATE (or message) when refused. */
async function tryQuery(url: string): Promise<{ ok: true; value: number } | { ok: false; error: string }> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ value: number }>("SELECT 41 + 1 AS value");
    return { ok: true, value: result.rows[0]!.value };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { ok: false, error: code ?? message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function startupMessage(user: string): Buffer {
  const parameters = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
  const header = Buffer.alloc(8);
  header.writeInt32BE(parameters.length + 8, 0);
  header.writeInt32BE(196608, 4);
  return Buffer.concat([header, parameters]);
}

/** Speaks the protocol by hand: startup, then whatever `after` sends; returns all it got back. */
function rawExchange(url: string, after: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(received)));
    socket.on("connect", () => {
      socket.write(Buffer.concat([startupMessage("postgres"), after]));
      setTimeout(() => socket.end(), 500);
    });
  });
}

describe.runIf(inject("databaseKind") === "pglite")("the embedded database", () => {
  let db: EmbeddedPostgres;

  beforeAll(async () => {
    db = await startEmbeddedPostgres({ dataDir: null, password: "right-password-0123456789" });
  });

  afterAll(async () => {
    await db.stop();
  });

  test("the URL carries the password, and it works", async () => {
    expect(new URL(db.url).password).toBe("right-password-0123456789");
    expect(await tryQuery(db.url)).toEqual({ ok: true, value: 42 });
  });

  test("a wrong password is refused with 28P01", async () => {
    expect(await tryQuery(withPassword(db.url, "wrong-password"))).toEqual({ ok: false, error: "28P01" });
  });

  test("no password is refused", async () => {
    const result = await tryQuery(withPassword(db.url, null));
    expect(result.ok).toBe(false);
  });

  test("a client that skips authentication and sends a query gets an error, not rows", async () => {
    const reply = await rawExchange(db.url, message("Q", Buffer.from("SELECT 'leaked' AS x\0")));
    const text = reply.toString("latin1");
    expect(text).not.toContain("leaked");
    // It was asked for SCRAM-SHA-256, then refused: no AuthenticationOk (R, length 8, code 0).
    expect(text).toContain("SCRAM-SHA-256");
    expect(text).toContain("C28P01");
    expect(reply.includes(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]))).toBe(false);
  });

  test("a cleartext password, even the right one, is refused (SCRAM only)", async () => {
    const reply = await rawExchange(db.url, message("p", Buffer.from("right-password-0123456789\0")));
    expect(reply.toString("latin1")).toMatch(/C28000|C28P01/);
    expect(reply.includes(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]))).toBe(false);
  });

  test("refused connections leave the right ones working, many at once", async () => {
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => tryQuery(db.url)),
      ...Array.from({ length: 4 }, () => tryQuery(withPassword(db.url, "nope"))),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(4);
    expect(results.filter((result) => !result.ok)).toHaveLength(4);
  });

  test("without a password given, a database gets a random one (the tests' own database)", async () => {
    const url = inject("databaseUrl");
    expect(new URL(url).password).toMatch(/^[\w-]{32}$/);
    expect(new URL(url).password).not.toBe(new URL(db.url).password);
    expect(await tryQuery(withPassword(url, "postgres"))).toEqual({ ok: false, error: "28P01" });
  });
});

describe.runIf(inject("databaseKind") === "pglite")("the launcher's database process", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "hearth-embedded-db-"));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts server/cli/embedded-db.ts as the launcher does, runs `run` with its URL, stops it. */
  async function withChild(run: (url: string) => Promise<void>) {
    const child = fork(
      path.join(import.meta.dirname, "../cli/embedded-db.ts"),
      [path.join(dir, "pglite"), path.join(dir, "pglite-password")],
      { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.once("message", (received) => resolve((received as { url: string }).url));
        child.once("exit", (code) => reject(new Error(`embedded-db exited with ${code}`)));
      });
      await run(url);
    } finally {
      // As the launcher stops it: by letting go of it (a signal to the group leaves it running).
      child.disconnect();
      await exited;
    }
  }

  test("keeps its password in an owner-only file and refuses any other", { timeout: 60_000 }, async () => {
    await withChild(async (url) => {
      const file = path.join(dir, "pglite-password");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(new URL(url).password).toBe(readFileSync(file, "utf8"));
      expect(new URL(url).hostname).toBe("127.0.0.1");
      expect(await tryQuery(url)).toEqual({ ok: true, value: 42 });
      expect(await tryQuery(withPassword(url, "postgres"))).toEqual({ ok: false, error: "28P01" });
    });
  });

  test(
    "creates the database once, and serves it with small shared buffers",
    { timeout: 60_000 },
    async () => {
      expect(readFileSync(path.join(dir, "pglite", "PG_VERSION"), "utf8").trim()).toMatch(/^\d+$/);
      await withChild(async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ shared_buffers: string }>("SHOW shared_buffers");
          expect(rows[0]!.shared_buffers).toBe("16MB");
        } finally {
          await client.end();
        }
      });
    },
  );
});
