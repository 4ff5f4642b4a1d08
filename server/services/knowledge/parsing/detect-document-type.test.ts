import { describe, expect, it } from "vitest";
import {
  makeDocx,
  makeEncryptedPdf,
  makePdf,
  makePng,
  makeXlsx,
  makeZip,
} from "../../../test/document-fixtures";
import { rejectionOf } from "../../../test/rejection";
import { detectDocumentType } from "./detect-document-type";
import type { DocumentError } from "./document-error";

const text = (value: string) => new TextEncoder().encode(value);
const failure = (bytes: Uint8Array, filename: string) =>
  rejectionOf<DocumentError>(detectDocumentType(bytes, filename));

describe("detectDocumentType", () => {
  it("recognises binary formats by content, whatever the name", async () => {
    expect(await detectDocumentType(await makePdf(["x"]), "report.txt")).toEqual({
      format: "pdf",
      mimeType: "application/pdf",
    });
    expect((await detectDocumentType(makeEncryptedPdf(), "locked.pdf")).format).toBe("pdf");
    expect((await detectDocumentType(await makeDocx([{ text: "x" }]), "notes.bin")).format).toBe("docx");
    expect((await detectDocumentType(await makeXlsx({ Sheet: [["a"]] }), "data.docx")).format).toBe("xlsx");
  });

  it("refuses a file whose content is not what its name says, naming what it is", async () => {
    const png = await failure(makePng(), "scan.pdf");
    expect(png.code).toBe("unsupported_type");
    expect(png.message).toMatch(/PNG image/);

    const mislabelled = await failure(text("just some words"), "report.pdf");
    expect(mislabelled.code).toBe("unsupported_type");
    expect(mislabelled.message).toMatch(/named \.pdf but contains plain text/);
  });

  it("refuses archives and legacy Office files it cannot read", async () => {
    const zip = await failure(makeZip([{ name: "a.txt", data: "hello" }]), "bundle.docx");
    expect(zip.code).toBe("unsupported_type");
    expect(zip.message).toMatch(/ZIP archive/);

    const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const legacy = new Uint8Array(1024);
    legacy.set(cfbMagic);
    const doc = await failure(legacy, "old.doc");
    expect(doc.code).toBe("unsupported_type");
    expect(doc.message).toMatch(/legacy Microsoft Office/);

    const encrypted = new Uint8Array(2048);
    encrypted.set(cfbMagic);
    encrypted.set(Buffer.from("EncryptedPackage", "utf16le"), 1024);
    expect((await failure(encrypted, "secret.docx")).code).toBe("encrypted");
  });

  it("refuses empty and whitespace-only files", async () => {
    for (const bytes of [new Uint8Array(0), text("  \n\t\r\n "), new Uint8Array([0xef, 0xbb, 0xbf, 0x20])]) {
      const error = await failure(bytes, "empty.txt");
      expect(error.code).toBe("empty");
    }
  });

  it("refuses text that is not UTF-8 and binary data", async () => {
    expect((await failure(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), "latin1.txt")).code).toBe(
      "unsupported_type",
    );
    expect((await failure(new Uint8Array([0x68, 0x00, 0x69]), "nul.txt")).code).toBe("unsupported_type");
  });

  it("chooses among text formats by extension, then by content", async () => {
    const cases: [string, string, string, string][] = [
      ["data.json", "{not json at all", "json", "application/json"],
      ["README.md", "# Title", "markdown", "text/markdown"],
      ["notes.markdown", "text", "markdown", "text/markdown"],
      ["table.csv", "a,b\n1,2", "csv", "text/csv"],
      ["table.tsv", "a\tb", "csv", "text/tab-separated-values"],
      ["page.htm", "hello", "html", "text/html"],
      ["saved.txt", "  <!DOCTYPE html><html><body>x</body></html>", "html", "text/html"],
      ["noext", "<html lang=en><p>x</p></html>", "html", "text/html"],
      ["feed.txt", '<?xml version="1.0"?><feed/>', "text", "text/plain"],
      ["notes.txt", "\ufeffplain words", "text", "text/plain"],
      ["unknown.xyz", "plain words", "text", "text/plain"],
    ];
    for (const [filename, content, format, mimeType] of cases) {
      expect(await detectDocumentType(text(content), filename), filename).toEqual({ format, mimeType });
    }
  });
});
