// What a store of knowledge file bytes does, by content hash: the local folder
// (local-blob-storage.ts) and any S3-compatible object store (s3-blob-storage.ts) implement it.
export interface StoredBlob {
  sha256: string;
  /** When the bytes were written: the sweeper leaves young blobs alone (an upload may be committing). */
  modifiedAt: Date;
}

export interface BlobStorage {
  /** Where the bytes go, for logs: a folder or `s3://bucket/prefix`. */
  readonly location: string;
  /** Streams a staged local file in under its hash; keeps the stored copy if one exists. */
  putFile(sha256: string, stagedPath: string): Promise<void>;
  read(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the blob; a missing blob is not an error. */
  delete(sha256: string): Promise<void>;
  /** Every stored blob (for the sweeper); leftovers of interrupted writes are removed on the way. */
  list(): AsyncIterable<StoredBlob>;
}

const SHA256_HEX = /^[a-f0-9]{64}$/;

/** The hash becomes a path or an object key: anything but 64 hex digits could escape the root. */
export function assertBlobKey(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error("blob key must be a SHA-256 hex digest");
}

export function isBlobKey(name: string): boolean {
  return SHA256_HEX.test(name);
}
