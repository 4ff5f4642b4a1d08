// Blob storage on a real S3-compatible server (moto on loopback): content addressing, streaming
// multipart uploads of large files, listing for the sweeper, idempotent deletes, and refusal of
// keys that are not hashes.
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type S3TestServer } from "../../../test/s3-server";
import type { BlobStorage } from "./blob-store";
import { createS3BlobStorage, createS3Client } from "./s3-blob-storage";

let server: S3TestServer;
let storage: BlobStorage;

async function staged(content: Buffer) {
  const dir = await mkdtemp(path.join(tmpdir(), "hearth-stage-"));
  const file = path.join(dir, "upload");
  await writeFile(file, content);
  return { file, sha256: createHash("sha256").update(content).digest("hex") };
}

beforeAll(async () => {
  server = await startS3Server();
  await server.createBucket("blobs");
  storage = createS3BlobStorage(createS3Client(server.settings), "blobs", "tenant/files");
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("S3 blob storage", () => {
  it("stores by hash under the prefix once, reads back, lists, and deletes idempotently", async () => {
    const { file, sha256 } = await staged(Buffer.from("hello object storage"));
    await storage.putFile(sha256, file);
    await storage.putFile(sha256, file);
    expect((await storage.read(sha256)).toString()).toBe("hello object storage");
    const listed = await createS3Client(server.settings).send(
      new ListObjectsV2Command({ Bucket: "blobs", Prefix: "tenant/files/" }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      `tenant/files/${sha256.slice(0, 2)}/${sha256}`,
    ]);
    const blobs = [];
    for await (const blob of storage.list()) blobs.push(blob);
    expect(blobs.map((blob) => blob.sha256)).toEqual([sha256]);
    expect(blobs[0]?.modifiedAt).toBeInstanceOf(Date);
    await storage.delete(sha256);
    await storage.delete(sha256);
    expect(await storage.exists(sha256)).toBe(false);
    expect(storage.location).toBe("s3://blobs/tenant/files/");
  });

  it("streams a large file in as a multipart upload, byte for byte", async () => {
    // 20 MiB of varied bytes: three parts of 8 MiB.
    const large = Buffer.alloc(20 * 1024 * 1024);
    for (let i = 0; i < large.length; i += 4) large.writeUInt32LE((i * 2654435761) >>> 0, i);
    const { file, sha256 } = await staged(large);
    await storage.putFile(sha256, file);
    const back = await storage.read(sha256);
    expect(back.length).toBe(large.length);
    expect(createHash("sha256").update(back).digest("hex")).toBe(sha256);
    // A multipart object's ETag ends with its part count.
    const head = await createS3Client(server.settings).send(
      new HeadObjectCommand({ Bucket: "blobs", Key: `tenant/files/${sha256.slice(0, 2)}/${sha256}` }),
    );
    expect(head.ETag).toMatch(/-3"$/);
  }, 60_000);

  it("refuses a key that is not a SHA-256 digest, and reports a missing blob as absent", async () => {
    await expect(storage.read("../../etc/passwd")).rejects.toThrow(/SHA-256/);
    expect(await storage.exists("a".repeat(64))).toBe(false);
    await expect(storage.read("b".repeat(64))).rejects.toThrow();
  });

  it("fails clearly when the bucket does not exist", async () => {
    const missing = createS3BlobStorage(createS3Client(server.settings), "no-such-bucket", "");
    const { file, sha256 } = await staged(Buffer.from("nowhere"));
    await expect(missing.putFile(sha256, file)).rejects.toThrow();
  });
});
