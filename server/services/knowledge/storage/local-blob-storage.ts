// Blob storage on the local file system: `<root>/<first two hex digits>/<sha256>`. A blob is first
// written to a temporary name and renamed into place, so a reader never sees half a file.
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { BlobStorage } from "./blob-store";

const SHA256_HEX = /^[a-f0-9]{64}$/;

export function createLocalBlobStorage(root: string): BlobStorage {
  const blobPath = (sha256: string) => {
    // The hash becomes a path: anything but 64 hex digits could escape the root.
    if (!SHA256_HEX.test(sha256)) throw new Error("blob key must be a SHA-256 hex digest");
    return path.join(root, sha256.slice(0, 2), sha256);
  };

  async function exists(sha256: string): Promise<boolean> {
    try {
      await stat(blobPath(sha256));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  return {
    exists,
    async putFile(sha256, stagedPath) {
      const target = blobPath(sha256);
      if (await exists(sha256)) return;
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      // Copy, not rename: the staging folder may be on another file system.
      await copyFile(stagedPath, temporary);
      await rename(temporary, target);
    },
    async read(sha256) {
      return readFile(blobPath(sha256));
    },
    async delete(sha256) {
      await rm(blobPath(sha256), { force: true });
    },
  };
}
