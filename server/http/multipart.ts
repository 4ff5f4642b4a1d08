// Receives a multipart/form-data upload by streaming each file to a staging folder while hashing
// it (busboy parses the stream), so a 50 MB upload never sits in memory and an oversize file is
// cut off at the limit with a 413 naming it. The caller removes the staged files when done
// (`cleanup`), whatever happens; on any error here they are removed before the error propagates.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "../errors";

export interface StagedFile {
  filename: string;
  path: string;
  bytes: number;
  sha256: string;
}

export interface MultipartUpload {
  fields: Record<string, string>;
  files: StagedFile[];
  cleanup: () => Promise<void>;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Field names that carry files; a file under any other name is refused. */
  fileFields: readonly string[];
}

const MAX_FIELD_BYTES = 64 * 1024;

/** A display name from a client-supplied filename: no folders, no control characters, bounded. */
export function cleanFilename(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 255);
  return cleaned || "upload";
}

function hashing(onDone: (sha256: string, bytes: number) => void): Transform {
  const hash = createHash("sha256");
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      onDone(hash.digest("hex"), bytes);
      callback();
    },
  });
}

export async function receiveMultipart(
  request: Request,
  limits: MultipartLimits,
  stagingRoot: string,
): Promise<MultipartUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Expected Content-Type: multipart/form-data, got ${contentType ? `'${contentType.slice(0, 100)}'` : "none"}`,
    );
  }
  if (!request.body) throw new AppError("INVALID_INPUT", "The upload has no body");
  const dir = path.join(stagingRoot, randomBytes(8).toString("hex"));
  await mkdir(dir, { recursive: true });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const { fields, files } = await parse(request, contentType, limits, dir);
    return { fields, files, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function parse(request: Request, contentType: string, limits: MultipartLimits, dir: string) {
  return new Promise<{ fields: Record<string, string>; files: StagedFile[] }>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: (StagedFile | undefined)[] = [];
    const writes: Promise<void>[] = [];
    let failure: AppError | null = null;
    const fail = (error: AppError) => {
      failure ??= error;
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: 20,
          fieldSize: MAX_FIELD_BYTES,
        },
      });
    } catch {
      reject(new AppError("INVALID_INPUT", "Malformed multipart Content-Type (no boundary?)"));
      return;
    }

    parser.on("file", (name, stream, info) => {
      const filename = cleanFilename(info.filename);
      if (!limits.fileFields.includes(name) || failure) {
        if (!failure)
          fail(new AppError("INVALID_INPUT", `Unexpected file field '${name}'; send files as 'file'`));
        stream.resume();
        return;
      }
      const slot = writes.length;
      const target = path.join(dir, String(slot));
      stream.on("limit", () =>
        fail(
          new AppError(
            "PAYLOAD_TOO_LARGE",
            `File '${filename}' is larger than the limit of ${limits.maxFileBytes} bytes`,
          ),
        ),
      );
      writes.push(
        pipeline(
          stream,
          hashing((sha256, bytes) => (files[slot] = { filename, path: target, bytes, sha256 })),
          createWriteStream(target),
        ),
      );
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) fail(new AppError("PAYLOAD_TOO_LARGE", `Field '${name}' is too long`));
      fields[name] = value;
    });
    parser.on("filesLimit", () =>
      fail(new AppError("PAYLOAD_TOO_LARGE", `At most ${limits.maxFiles} files per upload`)),
    );
    parser.on("error", (error) =>
      reject(new AppError("INVALID_INPUT", `Malformed multipart body: ${(error as Error).message}`)),
    );
    parser.on("close", () => {
      Promise.all(writes).then(
        () =>
          failure
            ? reject(failure)
            : resolve({ fields, files: files.filter((file): file is StagedFile => file !== undefined) }),
        () => reject(failure ?? new AppError("INVALID_INPUT", "The upload was interrupted")),
      );
    });

    const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
    body.on("error", () => reject(new AppError("INVALID_INPUT", "The upload was interrupted")));
    body.pipe(parser);
  });
}
