// Where the bytes of knowledge files live: content-addressed by SHA-256, so identical uploads are
// stored once. The interface is what an S3-compatible store would implement; the local one keeps
// files under the data directory. Who may delete a blob (no file refers to it any more) is decided
// by the knowledge services under a per-hash lock, not here.
import path from "node:path";
import { env } from "../../../env";
import { createLocalBlobStorage } from "./local-blob-storage";

export interface BlobStorage {
  /** Moves a staged local file in under its hash; keeps the stored copy if one exists. */
  putFile(sha256: string, stagedPath: string): Promise<void>;
  read(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the blob; a missing blob is not an error. */
  delete(sha256: string): Promise<void>;
}

let storage: BlobStorage | undefined;

export function getBlobStorage(): BlobStorage {
  storage ??= createLocalBlobStorage(path.join(env.dataDir, "files"));
  return storage;
}
