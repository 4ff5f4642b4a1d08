// Several replicas indexing into one LanceDB table on object storage at once: two processes, each
// configured as a replica on the PostgreSQL server with LanceDB on a real S3-compatible server
// (moto), insert and delete in the same table concurrently; every row they kept is there and none
// they deleted. Writes hold a PostgreSQL advisory lock per table (knowledge-adapters.ts), so this
// runs on the PostgreSQL project only: the embedded database means one process, one writer.
import { spawn } from "node:child_process";
import path from "node:path";
import { connect } from "@lancedb/lancedb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startS3Server, type S3TestServer } from "../../../test/s3-server";
import { lanceStorageOptions } from "../storage/s3-blob-storage";

const onServer = inject("databaseKind") === "postgres";
let server: S3TestServer;

function runWriter(table: string, writer: string): Promise<{ writer: string; kept: number }> {
  const script = path.resolve("server/test/lance-writer.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, table, writer], {
    env: {
      ...process.env,
      ...server.env,
      HEARTH_LANCEDB_URI: "s3://vectors/lance",
      HEARTH_DB_EMBEDDED: "false",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`writer ${writer} exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as { writer: string; kept: number });
    }),
  );
}

beforeAll(async () => {
  if (!onServer) return;
  server = await startS3Server();
  await server.createBucket("vectors");
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe.runIf(onServer)("LanceDB on S3 with two writer processes", () => {
  it("keeps every row both wrote, and none either deleted", async () => {
    const table = "vs_concurrent_g0";
    const results = await Promise.all([runWriter(table, "a"), runWriter(table, "b")]);
    const expected = results.reduce((sum, result) => sum + result.kept, 0);
    expect(expected).toBe(2 * 8 * 8);
    const db = await connect("s3://vectors/lance", { storageOptions: lanceStorageOptions(server.settings) });
    const opened = await db.openTable(table);
    expect(await opened.countRows()).toBe(expected);
    for (const writer of ["a", "b"]) {
      expect(await opened.countRows(`file_id = '${writer}-file-2'`)).toBe(0);
      expect(await opened.countRows(`file_id = '${writer}-file-3'`)).toBe(8);
    }
    opened.close();
    db.close();
  }, 180_000);
});
