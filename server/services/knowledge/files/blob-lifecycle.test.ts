// The life of stored bytes through the real knowledge services, on both stores Hearth offers: a
// local folder and a real S3-compatible server (moto on loopback). An upload stores the bytes once
// by hash and ingests from them; shared bytes stay until the last file that refers to them goes;
// the sweeper removes bytes that no row refers to (what a crash between storing and committing
// leaves) once they are past the grace period, and never bytes a file refers to.
import { createHash } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { master } from "../../../test/actors";
import { createChatAssistant } from "../../../test/chat";
import { HANDBOOK_MD, PRICING_MD, stageFile, uploadAndIngest } from "../../../test/knowledge";
import { startS3Server, type S3TestServer } from "../../../test/s3-server";
import { replaceBlobStorage } from "../storage/blob-storage";
import type { BlobStorage } from "../storage/blob-store";
import { createLocalBlobStorage } from "../storage/local-blob-storage";
import { createS3BlobStorage, createS3Client } from "../storage/s3-blob-storage";
import { deleteFile } from "./delete-file";
import { getFile } from "./get-file";
import { SWEEP_GRACE_MS, sweepBlobs } from "./sweep-blobs";

let server: S3TestServer;
let bucket = 0;

beforeAll(async () => {
  server = await startS3Server();
}, 60_000);

afterAll(async () => {
  replaceBlobStorage(undefined);
  await server?.stop();
});

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

async function listed(storage: BlobStorage): Promise<string[]> {
  const hashes: string[] = [];
  for await (const blob of storage.list()) hashes.push(blob.sha256);
  return hashes.sort();
}

const stores: [string, () => Promise<BlobStorage>][] = [
  ["a local folder", async () => createLocalBlobStorage(await mkdtemp(path.join(tmpdir(), "hearth-blobs-")))],
  [
    "an S3-compatible server",
    async () => {
      const name = `blobs-${++bucket}`;
      await server.createBucket(name);
      return createS3BlobStorage(createS3Client(server.settings), name, "files");
    },
  ],
];

describe.each(stores)("stored bytes on %s", (_name, makeStorage) => {
  let storage: BlobStorage;

  beforeEach(async () => {
    storage = await makeStorage();
    replaceBlobStorage(storage);
    await createChatAssistant("support");
  });

  test("an upload is stored once by hash, ingested from the store, and gone with its last file", async () => {
    const [first] = await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    const [second] = await uploadAndIngest(master, "support", [{ name: "copy.md", content: HANDBOOK_MD }]);
    expect((await getFile(master, "support", first!.id)).status).toBe("completed");
    expect((await getFile(master, "support", second!.id)).status).toBe("completed");
    expect(await listed(storage)).toEqual([hashOf(HANDBOOK_MD)]);
    await deleteFile(master, "support", first!.id);
    expect(await listed(storage)).toEqual([hashOf(HANDBOOK_MD)]);
    await deleteFile(master, "support", second!.id);
    expect(await listed(storage)).toEqual([]);
  });

  test("the sweeper removes old unreferenced bytes only", async () => {
    await uploadAndIngest(master, "support", [{ name: "pricing.md", content: PRICING_MD }]);
    // What a crash between storing the bytes and committing the rows leaves behind.
    const orphan = await stageFile("orphan.md", "# Orphan\n\nNo row refers to these bytes.");
    await storage.putFile(orphan.sha256, orphan.path);
    expect(await sweepBlobs(storage)).toEqual([]);
    const later = new Date(Date.now() + SWEEP_GRACE_MS + 60_000);
    expect(await sweepBlobs(storage, later)).toEqual([orphan.sha256]);
    expect(await listed(storage)).toEqual([hashOf(PRICING_MD)]);
    expect(await sweepBlobs(storage, later)).toEqual([]);
  });
});
