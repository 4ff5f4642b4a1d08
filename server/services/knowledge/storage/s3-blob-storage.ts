// Blob storage on an S3-compatible object store, through the official AWS SDK v3:
// `s3://bucket/prefix/<first two hex digits>/<sha256>`. Uploads stream from the staged file
// (lib-storage's Upload: one PUT for small files, a multipart upload in 8 MiB parts for large ones,
// never the whole file in memory); an object appears whole or not at all, so readers never see
// half a file. Interrupted multipart uploads are aborted by the SDK; a bucket lifecycle rule
// (AbortIncompleteMultipartUpload) covers a process that died mid-upload (docs/deployment.md).
import { createReadStream } from "node:fs";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { S3Settings } from "../../../env";
import { assertBlobKey, isBlobKey, type BlobStorage, type StoredBlob } from "./blob-store";

const PART_BYTES = 8 * 1024 * 1024;
const PARALLEL_PARTS = 2;

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where S3 requires them: several S3-compatible servers reject the SDK's
    // default CRC32 trailers on streamed uploads.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === "NotFound" || error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404)
  );
}

export function createS3BlobStorage(client: S3Client, bucket: string, prefix: string): BlobStorage {
  const base = prefix ? `${prefix.replace(/\/+$/, "")}/` : "";
  const keyOf = (sha256: string) => {
    assertBlobKey(sha256);
    return `${base}${sha256.slice(0, 2)}/${sha256}`;
  };

  async function exists(sha256: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async function* list(): AsyncIterable<StoredBlob> {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: base })) {
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(object.Key.lastIndexOf("/") + 1) ?? "";
        if (isBlobKey(name)) yield { sha256: name, modifiedAt: object.LastModified ?? new Date(0) };
      }
    }
  }

  return {
    location: `s3://${bucket}/${base}`,
    exists,
    list,
    async putFile(sha256, stagedPath) {
      if (await exists(sha256)) return;
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: keyOf(sha256), Body: createReadStream(stagedPath) },
        partSize: PART_BYTES,
        queueSize: PARALLEL_PARTS,
        leavePartsOnError: false,
      });
      await upload.done();
    },
    async read(sha256) {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(sha256) }));
      if (!answer.Body) throw new Error(`blob ${sha256} has no body`);
      return Buffer.from(await answer.Body.transformToByteArray());
    },
    async delete(sha256) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(sha256) }));
    },
  };
}

/** LanceDB's spelling of the same settings (its object_store options), for `s3://` vector tables. */
export function lanceStorageOptions(settings: S3Settings): Record<string, string> {
  return {
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.allowHttp ? { allow_http: "true" } : {}),
    virtual_hosted_style_request: settings.forcePathStyle ? "false" : "true",
    ...(settings.credentials
      ? {
          access_key_id: settings.credentials.accessKeyId,
          secret_access_key: settings.credentials.secretAccessKey,
          ...(settings.credentials.sessionToken ? { session_token: settings.credentials.sessionToken } : {}),
        }
      : {}),
  };
}
