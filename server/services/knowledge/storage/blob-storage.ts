// Where the bytes of knowledge files live (HEARTH_STORAGE_URI): content-addressed by SHA-256, so
// identical uploads are stored once, in a folder or on an S3-compatible store (blob-store.ts is
// the interface). Who may delete a blob (no file refers to it any more) is decided by the
// knowledge services under a per-hash lock, not here; the sweeper (sweep-blobs.ts) removes what a
// crash left unreferenced.
import { env } from "../../../env";
import type { BlobStorage } from "./blob-store";
import { createLocalBlobStorage } from "./local-blob-storage";
import { createS3BlobStorage, createS3Client } from "./s3-blob-storage";

const globals = globalThis as unknown as { hearthBlobStorage?: BlobStorage };

export function getBlobStorage(): BlobStorage {
  globals.hearthBlobStorage ??=
    env.storage.kind === "s3"
      ? createS3BlobStorage(createS3Client(env.s3), env.storage.bucket, env.storage.prefix)
      : createLocalBlobStorage(env.storage.root);
  return globals.hearthBlobStorage;
}

/** Swaps the process's store (tests run the knowledge services on S3 this way); undefined resets it. */
export function replaceBlobStorage(storage: BlobStorage | undefined): void {
  globals.hearthBlobStorage = storage;
}
