import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  makeDocx,
  makeEncryptedPdf,
  makeLongDocx,
  makePdf,
  makePdfBomb,
} from "../../../test/document-fixtures";
import { rejectionOf } from "../../../test/rejection";
import { DocumentError } from "./document-error";
import { parseDocument } from "./parse-document";
import { parseDocumentInWorker } from "./parse-in-worker";

const options = {
  maxDecompressedBytes: 10 * 1024 * 1024,
  maxCompressionRatio: 100,
  timeoutMs: 20_000,
  memoryLimitMb: 512,
};
// The smallest limit the configuration accepts: the parse process alone takes about 150 MB.
const small = { ...options, timeoutMs: 60_000, memoryLimitMb: 256 };
const MB = 1024 * 1024;
const pdfType = { format: "pdf" as const, mimeType: "application/pdf" };
const docxType = {
  format: "docx" as const,
  mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

describe("parseDocumentInWorker", () => {
  it("parses in its own process exactly as in-process", async () => {
    const docx = await makeDocx([{ heading: 1, text: "Install" }, { text: "Run the installer." }], {
      title: "Guide",
    });
    const inWorker = await parseDocumentInWorker(docx, docxType, options);
    expect(inWorker).toEqual(await parseDocument(docx, docxType, options));
    expect(inWorker.sections).toEqual([{ text: "Run the installer.", heading: "Install", page: null }]);
  });

  it("reads a PDF handed over as a Buffer, as blob storage returns files", async () => {
    const pdf = await makePdf(["Chapter one."]);
    const parsed = await parseDocumentInWorker(Buffer.from(pdf), pdfType, options);
    expect(parsed.sections).toEqual([{ text: "Chapter one.", heading: null, page: 1 }]);
  });

  it("brings a document's failure back with its code and message", async () => {
    const encrypted = await rejectionOf<DocumentError>(
      parseDocumentInWorker(makeEncryptedPdf(), pdfType, options),
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
      parseDocumentInWorker(pdf, pdfType, { ...options, timeoutMs: 1 }),
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(/took longer than 1 ms/);
  });

  it("fails a document that needs more memory than the limit, and reads the next one", async () => {
    // A legal DOCX (it passes the zip-bomb checks) whose 6 MB document part takes mammoth far
    // past 256 MB; the same kind of file, short, reads fine under the same limit.
    const started = performance.now();
    const error = await rejectionOf<DocumentError>(
      parseDocumentInWorker(makeLongDocx(6 * MB), docxType, small),
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.code).toBe("too_complex");
    expect(error.message).toMatch(/needs more memory to read than the limit allows \(256 MB/);
    expect(error.message).toContain("HEARTH_PARSE_MAX_MEMORY_MB");
    // Stopped on memory, not by the timeout.
    expect(performance.now() - started).toBeLessThan(small.timeoutMs / 2);

    const short = await parseDocumentInWorker(makeLongDocx(20_000), docxType, small);
    expect(short.sections[0]?.text.length).toBeGreaterThan(1000);
  }, 90_000);

  it("counts memory outside the JavaScript heap: a PDF page that inflates to 600 MB", async () => {
    const error = await rejectionOf<DocumentError>(
      parseDocumentInWorker(await makePdfBomb(600 * MB), pdfType, small),
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.code).toBe("too_complex");
  }, 90_000);

  it("finds its worker without import.meta or __dirname, which break once Next bundles this module", async () => {
    const source = await readFile(new URL("./parse-in-worker.ts", import.meta.url), "utf8");
    const code = source.replace(/\/\/.*$/gm, "");
    expect(code).not.toMatch(/import\.meta|__dirname|__filename/);
    expect(code).toMatch(/process\.cwd\(\)/);
  });
});
