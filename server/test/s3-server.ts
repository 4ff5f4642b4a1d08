// A real S3-compatible server on loopback for the tests: moto's server mode (Python moto, which
// this machine kind's Python carries; see docs/deployment.md for what it does not implement). It
// is started per suite on a free port, holds everything in memory, and is stopped afterwards. Its
// absence fails the suite: object storage is never silently left untested.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "../services/knowledge/storage/s3-blob-storage";
import type { S3Settings } from "../env";
import { freePort } from "./free-port";

export interface S3TestServer {
  endpoint: string;
  settings: S3Settings;
  /** The variables a Hearth process needs to use it (its endpoint, keys, region, http allowance). */
  env: Record<string, string>;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The command that runs moto's server: HEARTH_TEST_MOTO_SERVER, `moto_server`, or the Python module. */
function motoCommand(): string[] {
  const explicit = process.env.HEARTH_TEST_MOTO_SERVER;
  if (explicit) return [explicit];
  if (spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0) return ["moto_server"];
  if (spawnSync("python3", ["-c", "import moto.server"], { stdio: "ignore" }).status === 0) {
    return ["python3", "-m", "moto.server"];
  }
  throw new Error(
    "No S3-compatible test server: install Python moto with its server extra (moto_server), or set HEARTH_TEST_MOTO_SERVER",
  );
}

async function waitUntilUp(endpoint: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the S3 test server exited (code ${child.exitCode})`);
    const up = await fetch(`${endpoint}/moto-api/`).then(
      (response) => response.status < 500,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the S3 test server did not answer at ${endpoint} within 30 s`);
}

export async function startS3Server(): Promise<S3TestServer> {
  const port = await freePort();
  const [command, ...args] = motoCommand();
  const child = spawn(command!, [...args, "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(endpoint, child);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  const settings: S3Settings = {
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    allowHttp: true,
    credentials: { accessKeyId: "hearth-test", secretAccessKey: "hearth-test-secret" },
  };
  const client = createS3Client(settings);
  return {
    endpoint,
    settings,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: "hearth-test",
      AWS_SECRET_ACCESS_KEY: "hearth-test-secret",
      AWS_REGION: "us-east-1",
      AWS_ALLOW_HTTP: "true",
    },
    createBucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    stop: async () => {
      client.destroy();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
