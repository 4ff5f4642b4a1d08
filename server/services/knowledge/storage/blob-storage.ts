// Where the bytes of knowledge files live: content-addressed by SHA-256, so identical uploads are
// stored once (the interface is blob-store.ts); the local store keeps files under the data
// directory. Who may delete a blob (no file refers to it any more) is decided
// by the knowledge services under a per-hash lock, not here.
import path from "node:path";
import { env } from "../../../env";
import type { BlobStorage } from "./blob-store";
import { createLocalBlobStorage } from "./local-blob-storage";

let storage: BlobStorage | undefined;

export function getBlobStorage(): BlobStorage {
  storage ??= createLocalBlobStorage(path.join(env.dataDir, "files"));
  return storage;
}
