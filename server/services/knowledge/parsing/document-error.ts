// The one error a document can fail with, from upload-time type detection to parsing in the
// worker. Its message is shown to users (a file's failure reason, or a 4xx at upload), so it says
// what is wrong with the file in plain words and never carries a parser's internals.

export const documentErrorCodes = [
  "unsupported_type",
  "empty",
  "encrypted",
  "corrupt",
  "too_large",
  "zip_bomb",
  "timeout",
  // Reading it needs more memory than the parse process may use (HEARTH_PARSE_MAX_MEMORY_MB).
  "too_complex",
] as const;

export type DocumentErrorCode = (typeof documentErrorCodes)[number];

export class DocumentError extends Error {
  override name = "DocumentError";

  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isDocumentErrorCode(value: unknown): value is DocumentErrorCode {
  return typeof value === "string" && (documentErrorCodes as readonly string[]).includes(value);
}
