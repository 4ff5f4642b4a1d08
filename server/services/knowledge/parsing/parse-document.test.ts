import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  makeDocx,
  makeEncryptedPdf,
  makePdf,
  makeXlsx,
  makeZip,
  makeZipBomb,
} from "../../../test/document-fixtures";
import { rejectionOf } from "../../../test/rejection";
import type { DocumentError } from "./document-error";
import type { DocumentFormat } from "./document-types";
import { parseDocument, type ParseLimits } from "./parse-document";

const limits: ParseLimits = { maxDecompressedBytes: 10 * 1024 * 1024, maxCompressionRatio: 100 };
const MIME: Record<DocumentFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html",
  markdown: "text/markdown",
  text: "text/plain",
  csv: "text/csv",
  json: "application/json",
};

function parse(bytes: Uint8Array | string, format: DocumentFormat, mimeType = MIME[format]) {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return parseDocument(data, { format, mimeType }, limits);
}

const failure = (bytes: Uint8Array | string, format: DocumentFormat) =>
  rejectionOf<DocumentError>(parse(bytes, format));

describe("parseDocument: PDF", () => {
  it("gives one section per page with text, numbered from 1, keeping paragraph breaks", async () => {
    const pdf = await makePdf(["First line.\nSecond line.\n\nA new paragraph.", "", "Third page."], {
      title: "Handbook",
    });
    const document = await parse(pdf, "pdf");
    expect(document).toMatchObject({ format: "pdf", title: "Handbook", pageCount: 3 });
    expect(document.sections).toEqual([
      { text: "First line.\nSecond line.\n\nA new paragraph.", heading: null, page: 1 },
      { text: "Third page.", heading: null, page: 3 },
    ]);
  });

  it("refuses a password-protected PDF", async () => {
    const error = await failure(makeEncryptedPdf(), "pdf");
    expect(error.code).toBe("encrypted");
    expect(error.message).toMatch(/password-protected/);
  });

  it("refuses a damaged PDF", async () => {
    expect((await failure("%PDF-1.7\nthis is not a pdf body at all\n%%EOF", "pdf")).code).toBe("corrupt");
  });

  it("refuses a PDF without a text layer as empty, saying OCR is not supported", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
    const error = await failure(await pdf.save(), "pdf");
    expect(error.code).toBe("empty");
    expect(error.message).toMatch(/OCR is not supported/);
  });
});

describe("parseDocument: DOCX", () => {
  it("splits by headings, naming each section by its heading path", async () => {
    const docx = await makeDocx(
      [
        { text: "Before any heading." },
        { heading: 1, text: "Install" },
        { text: "Pick your system." },
        { heading: 2, text: "Linux" },
        { text: "Use the package manager." },
        { text: "Then start the service." },
        { heading: 2, text: "macOS" },
        { text: "Use Homebrew." },
        { heading: 1, text: "Usage" },
        { text: "Run it." },
      ],
      { title: "Admin guide" },
    );
    const document = await parse(docx, "docx");
    expect(document.title).toBe("Admin guide");
    expect(document.sections).toEqual([
      { text: "Before any heading.", heading: null, page: null },
      { text: "Pick your system.", heading: "Install", page: null },
      { text: "Use the package manager.\n\nThen start the service.", heading: "Install > Linux", page: null },
      { text: "Use Homebrew.", heading: "Install > macOS", page: null },
      { text: "Run it.", heading: "Usage", page: null },
    ]);
  });

  it("refuses a zip bomb before inflating it: by total size, by ratio, and by lying headers", async () => {
    expect((await failure(makeZipBomb({ bytes: 12 * 1024 * 1024 }), "docx")).code).toBe("zip_bomb");
    const ratio = await rejectionOf<DocumentError>(
      parseDocument(makeZipBomb({ bytes: 4 * 1024 * 1024 }), { format: "docx", mimeType: MIME.docx }, limits),
    );
    expect(ratio.code).toBe("zip_bomb");
    expect(ratio.message).toMatch(/compressed more than 100 to 1/);
    const lying = await failure(makeZipBomb({ bytes: 12 * 1024 * 1024, lie: true }), "docx");
    expect(lying.code).toBe("zip_bomb");
    expect(lying.message).toMatch(/more data than it declares/);
  });

  it("refuses an archive with too many entries", async () => {
    const entries = Array.from({ length: 10_001 }, (_, index) => ({ name: `part${index}.xml`, data: "x" }));
    expect((await failure(makeZip(entries), "docx")).code).toBe("zip_bomb");
  });

  it("refuses a damaged archive or one that is not a Word document", async () => {
    const docx = await makeDocx([{ text: "hello" }]);
    expect((await failure(docx.slice(0, docx.length - 30), "docx")).code).toBe("corrupt");
    expect((await failure(makeZip([{ name: "readme.txt", data: "hello" }]), "docx")).code).toBe("corrupt");
  });
});

describe("parseDocument: XLSX", () => {
  it("gives one section per sheet, rows named by a header row, or tab-separated without one", async () => {
    const xlsx = await makeXlsx({
      People: [
        ["Name", "Role", "Joined"],
        ["Ada", "Engineer", new Date(Date.UTC(2024, 0, 15))],
        ["Grace", null, new Date(Date.UTC(2023, 5, 1, 9, 30))],
        ["Total", { formula: "1+1", result: 2 }, null],
      ],
      Numbers: [
        [1, 2],
        [3, 4],
      ],
      Empty: [],
    });
    const document = await parse(xlsx, "xlsx");
    expect(document.sections).toEqual([
      {
        text: "Name: Ada; Role: Engineer; Joined: 2024-01-15\nName: Grace; Joined: 2023-06-01 09:30:00\nName: Total; Role: 2",
        heading: "People",
        page: null,
      },
      { text: "1\t2\n3\t4", heading: "Numbers", page: null },
    ]);
  });

  it("refuses a damaged workbook", async () => {
    const xlsx = await makeXlsx({ Sheet: [["a"]] });
    expect((await failure(xlsx.slice(0, 200), "xlsx")).code).toBe("corrupt");
  });
});

describe("parseDocument: HTML", () => {
  it("keeps the text of paragraphs, lists, tables and code, split by headings, without page furniture", async () => {
    const html = `<!doctype html><html><head><title>Guide &amp; notes</title><style>p{}</style></head>
      <body><nav><a href="/">Home</a></nav>
      <p>Intro   text
      over two lines.</p>
      <h1>Setup</h1><p>First.</p><ul><li>one</li><li>two</li></ul>
      <script>alert("x")</script>
      <h3>Details</h3><table><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
      <pre>def f():
    return 1</pre>
      <footer>© 2024</footer></body></html>`;
    const document = await parse(html, "html");
    expect(document.title).toBe("Guide & notes");
    expect(document.sections).toEqual([
      { text: "Intro text over two lines.", heading: null, page: null },
      { text: "First.\n\n- one\n- two", heading: "Setup", page: null },
      { text: "Key | Value\na | 1\n\ndef f():\n    return 1", heading: "Setup > Details", page: null },
    ]);
  });

  it("refuses a page with no text", async () => {
    expect((await failure("<html><script>x()</script></html>", "html")).code).toBe("empty");
  });
});

describe("parseDocument: Markdown", () => {
  it("splits by headings, drops markup, keeps code blocks verbatim and takes the front matter title", async () => {
    const markdown = [
      "---",
      'title: "Release notes"',
      "---",
      "Preface with **bold** and a [link](https://example.com).",
      "",
      "# Version 2",
      "",
      "## Fixes",
      "",
      "- Faster *startup*",
      "- `hearth` CLI",
      "",
      "```ts",
      "function main() {",
      "  return 1;",
      "}",
      "```",
    ].join("\n");
    const document = await parse(markdown, "markdown");
    expect(document.title).toBe("Release notes");
    expect(document.sections).toEqual([
      { text: "Preface with bold and a link.", heading: null, page: null },
      {
        text: "- Faster startup\n- hearth CLI\n\nfunction main() {\n  return 1;\n}",
        heading: "Version 2 > Fixes",
        page: null,
      },
    ]);
  });

  it("takes the first h1 as the title without front matter", async () => {
    expect((await parse("# Manual\n\nText.", "markdown")).title).toBe("Manual");
  });
});

describe("parseDocument: CSV", () => {
  it("renders rows as 'column: value' lines in sections of 50 rows", async () => {
    const rows = Array.from({ length: 120 }, (_, index) => `${index},"Name, ${index}",`);
    const document = await parse(["id,name,note", ...rows].join("\n"), "csv");
    expect(document.sections).toHaveLength(3);
    expect(document.sections[0]!.text.split("\n")).toHaveLength(50);
    expect(document.sections[0]!.text.split("\n")[0]).toBe("id: 0; name: Name, 0");
    expect(document.sections[2]!.text.split("\n").at(-1)).toBe("id: 119; name: Name, 119");
    expect(document.sections.every((section) => section.heading === null && section.page === null)).toBe(
      true,
    );
  });

  it("detects semicolons and reads tab-separated files", async () => {
    expect((await parse("a;b\n1;2", "csv")).sections[0]!.text).toBe("a: 1; b: 2");
    expect((await parse("a\tb\n1\t2", "csv", "text/tab-separated-values")).sections[0]!.text).toBe(
      "a: 1; b: 2",
    );
  });
});

describe("parseDocument: JSON", () => {
  it("pretty-prints, and splits a large array into sections of whole elements", async () => {
    const items = Array.from({ length: 400 }, (_, index) => ({ id: index, name: `item ${index}` }));
    const document = await parse(JSON.stringify({ version: 1, items }), "json");
    expect(document.sections[0]).toEqual({ text: '{\n  "version": 1\n}', heading: null, page: null });
    const parts = document.sections.slice(1);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((section) => section.heading === "items")).toBe(true);
    const elements = parts.flatMap((section) => section.text.split("\n\n"));
    expect(elements).toHaveLength(400);
    expect(JSON.parse(elements[399]!)).toEqual({ id: 399, name: "item 399" });
  });

  it("refuses invalid JSON as corrupt and an empty structure as empty", async () => {
    const error = await failure('{"a": ', "json");
    expect(error.code).toBe("corrupt");
    expect(error.message).toMatch(/not valid JSON/);
    expect((await failure("{}", "json")).code).toBe("empty");
  });
});

describe("parseDocument: text", () => {
  it("keeps one section with paragraphs, whitespace normalized", async () => {
    const document = await parse(
      "\ufeffTitle   line\r\n\r\n\r\n\r\n  Second\tparagraph  \r\nstill second.",
      "text",
    );
    expect(document.sections).toEqual([
      { text: "Title line\n\nSecond paragraph\nstill second.", heading: null, page: null },
    ]);
  });
});
