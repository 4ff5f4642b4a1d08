import { createHash } from "node:crypto";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalBlobStorage } from "./local-blob-storage";

async function staged(content: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "hearth-stage-"));
  const file = path.join(dir, "upload");
  await writeFile(file, content);
  return { file, sha256: createHash("sha256").update(content).digest("hex") };
}

describe("local blob storage", () => {
  it("stores by hash once, reads back, and deletes idempotently", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "hearth-blobs-"));
    const storage = createLocalBlobStorage(root);
    const { file, sha256 } = await staged("hello knowledge");
    await storage.putFile(sha256, file);
    await storage.putFile(sha256, file);
    expect((await storage.read(sha256)).toString()).toBe("hello knowledge");
    expect(await readdir(path.join(root, sha256.slice(0, 2)))).toEqual([sha256]);
    await storage.delete(sha256);
    await storage.delete(sha256);
    expect(await storage.exists(sha256)).toBe(false);
  });

  it("refuses a key that is not a SHA-256 digest", async () => {
    const storage = createLocalBlobStorage(await mkdtemp(path.join(tmpdir(), "hearth-blobs-")));
    await expect(storage.read("../../etc/passwd")).rejects.toThrow(/SHA-256/);
  });
});
