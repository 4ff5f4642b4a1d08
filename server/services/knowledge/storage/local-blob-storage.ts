// Blob storage on the local file system: `<root>/<first two hex digits>/<sha256>`. A blob is first
// written to a temporary name and renamed into place, so a reader never sees half a file; a
// temporary file left by a crash is removed by list() once it is an hour old.
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { assertBlobKey, isBlobKey, type BlobStorage, type StoredBlob } from "./blob-store";

const STALE_TEMPORARY_MS = 60 * 60_000;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

export function createLocalBlobStorage(root: string): BlobStorage {
  const blobPath = (sha256: string) => {
    assertBlobKey(sha256);
    return path.join(root, sha256.slice(0, 2), sha256);
  };

  async function exists(sha256: string): Promise<boolean> {
    try {
      await stat(blobPath(sha256));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async function* list(): AsyncIterable<StoredBlob> {
    const prefixes = await readdir(root).catch((error: unknown) => {
      if (isMissing(error)) return [] as string[];
      throw error;
    });
    for (const prefix of prefixes.sort()) {
      const folder = path.join(root, prefix);
      const names = await readdir(folder).catch(() => [] as string[]);
      for (const name of names.sort()) {
        const info = await stat(path.join(folder, name)).catch(() => null);
        if (!info) continue;
        if (isBlobKey(name)) yield { sha256: name, modifiedAt: info.mtime };
        else if (name.endsWith(".tmp") && Date.now() - info.mtimeMs > STALE_TEMPORARY_MS) {
          await rm(path.join(folder, name), { force: true });
        }
      }
    }
  }

  return {
    location: root,
    exists,
    list,
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
