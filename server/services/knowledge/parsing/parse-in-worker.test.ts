import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { makeDocx, makeEncryptedPdf, makePdf } from "../../../test/document-fixtures";
import { rejectionOf } from "../../../test/rejection";
import { DocumentError } from "./document-error";
import { parseDocument } from "./parse-document";
import { parseDocumentInWorker } from "./parse-in-worker";

const options = { maxDecompressedBytes: 10 * 1024 * 1024, maxCompressionRatio: 100, timeoutMs: 20_000 };
const docxType = {
  format: "docx" as const,
  mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

describe("parseDocumentInWorker", () => {
  it("parses in a worker thread exactly as in-process", async () => {
    const docx = await makeDocx([{ heading: 1, text: "Install" }, { text: "Run the installer." }], {
      title: "Guide",
    });
    const inWorker = await parseDocumentInWorker(docx, docxType, options);
    expect(inWorker).toEqual(await parseDocument(docx, docxType, options));
    expect(inWorker.sections).toEqual([{ text: "Run the installer.", heading: "Install", page: null }]);
  });

  it("brings a document's failure back with its code and message", async () => {
    const encrypted = await rejectionOf<DocumentError>(
      parseDocumentInWorker(makeEncryptedPdf(), { format: "pdf", mimeType: "application/pdf" }, options),
    );
    expect(encrypted).toBeInstanceOf(DocumentError);
    expect(encrypted.code).toBe("encrypted");

    const json = new TextEncoder().encode("[1, 2");
    const corrupt = await rejectionOf<DocumentError>(
      parseDocumentInWorker(json, { format: "json", mimeType: "application/json" }, options),
    );
    expect(corrupt).toBeInstanceOf(DocumentError);
    expect(corrupt.code).toBe("corrupt");
    expect(corrupt.message).toMatch(/not valid JSON/);
  });

  it("stops a parse that runs past the timeout", async () => {
    const pdf = await makePdf(Array.from({ length: 20 }, (_, index) => `Page ${index + 1}`));
    const error = await rejectionOf<DocumentError>(
      parseDocumentInWorker(
        pdf,
        { format: "pdf", mimeType: "application/pdf" },
        { ...options, timeoutMs: 1 },
      ),
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(/took longer than 1 ms/);
  });

  it("finds its worker without import.meta or __dirname, which break once Next bundles this module", async () => {
    const source = await readFile(new URL("./parse-in-worker.ts", import.meta.url), "utf8");
    const code = source.replace(/\/\/.*$/gm, "");
    expect(code).not.toMatch(/import\.meta|__dirname|__filename/);
    expect(code).toMatch(/process\.cwd\(\)/);
  });
});
