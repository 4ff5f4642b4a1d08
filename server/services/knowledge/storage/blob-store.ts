// What a store of knowledge file bytes does, by content hash: what an S3-compatible store would
// implement beside the local one (local-blob-storage.ts).
export interface BlobStorage {
  /** Moves a staged local file in under its hash; keeps the stored copy if one exists. */
  putFile(sha256: string, stagedPath: string): Promise<void>;
  read(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the blob; a missing blob is not an error. */
  delete(sha256: string): Promise<void>;
}
