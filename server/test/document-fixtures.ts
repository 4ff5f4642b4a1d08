// Builds test documents in memory, so the parsing tests need no binary fixtures in the tree:
// real PDFs (pdf-lib), DOCX (docx), XLSX (exceljs), a long DOCX that is heavy to read, a PDF
// whose page inflates to hundreds of MB, and the bad inputs a document pipeline must refuse: a
// password-protected PDF (hand-written, since pdf-lib cannot encrypt), zip bombs (a hand-built
// zip container around raw deflate streams) and a PNG.
import { once } from "node:events";
import { crc32, createDeflate, deflateRawSync, deflateSync } from "node:zlib";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";

/** One PDF page per string; "\n" starts a line, a blank line starts a paragraph. */
export async function makePdf(pages: string[], options: { title?: string } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (options.title) pdf.setTitle(options.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = pdf.addPage([600, 800]);
    let y = 760;
    for (const line of text.split("\n")) {
      if (line) page.drawText(line, { x: 40, y, size: 12, font });
      y -= 16;
    }
  }
  return pdf.save();
}

/**
 * A one-page PDF whose trailer names a standard security handler with a user password that is
 * not empty (its /U entry matches no password), so readers must ask for one.
 */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (length: number, seed: number) =>
    Array.from({ length }, (_, index) => ((index * 37 + seed) % 256).toString(16).padStart(2, "0")).join("");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 5 0 R >>",
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 11)}> /U <${hex(32, 101)}> /P -44 >>`,
    "<< /Length 0 >>\nstream\n\nendstream",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16, 7)}> <${hex(16, 7)}>] >>\n`;
  body += `startxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export type DocxBlock = { heading: 1 | 2 | 3 | 4 | 5 | 6; text: string } | { text: string };

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

export async function makeDocx(blocks: DocxBlock[], options: { title?: string } = {}): Promise<Uint8Array> {
  const children = blocks.map((block) =>
    "heading" in block
      ? new Paragraph({ text: block.text, heading: HEADINGS[block.heading - 1] })
      : new Paragraph({ text: block.text }),
  );
  const document = new Document({
    ...(options.title ? { title: options.title } : {}),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** One worksheet per entry, rows as given (the first row is the header when it is all labels). */
export async function makeXlsx(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
}

/** A zip archive (deflate), written by hand so that its headers can say anything. */
export function makeZip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data) : Buffer.from(entry.data);
    const compressed = deflateRawSync(raw, { level: 9 });
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, { crc, compressed: compressed.length, size, nameLength: name.length });
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeCommon(central, 6, { crc, compressed: compressed.length, size, nameLength: name.length });
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The fields local and central headers share, from "version needed" to the extra length. */
function writeCommon(
  header: Buffer,
  at: number,
  fields: { crc: number; compressed: number; size: number; nameLength: number },
) {
  header.writeUInt16LE(20, at); // version needed
  header.writeUInt16LE(0, at + 2); // flags
  header.writeUInt16LE(8, at + 4); // deflate
  header.writeUInt16LE(0, at + 6); // time
  header.writeUInt16LE(0x21, at + 8); // date: 1980-01-01
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.compressed, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(fields.nameLength, at + 22);
}

const DOCX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  "</Types>";

/**
 * A DOCX-shaped zip whose document part is `bytes` of spaces: tiny on disk, huge inflated. With
 * `lie`, the headers declare a small size, so only inflating reveals it.
 */
export function makeZipBomb(options: { bytes?: number; lie?: boolean } = {}): Uint8Array {
  const size = options.bytes ?? 20 * 1024 * 1024;
  return makeZip([
    { name: "[Content_Types].xml", data: DOCX_CONTENT_TYPES },
    {
      name: "word/document.xml",
      data: Buffer.alloc(size, 0x20),
      ...(options.lie ? { declaredSize: 1000 } : {}),
    },
  ]);
}

const MINIMAL_DOCX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  "</Types>";
const MINIMAL_DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  "</Relationships>";

/**
 * A legal DOCX (the three parts Word needs, compressed no more than real prose is, so it passes
 * the zip-bomb checks) whose document part holds about `xmlBytes` of paragraphs of made-up words:
 * a long report, small on disk and heavy to read. Seeded, so every run builds the same file.
 */
export function makeLongDocx(xmlBytes: number): Uint8Array {
  let seed = 42;
  const next = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed >>> 8;
  };
  const vocabulary = Array.from({ length: 8192 }, () =>
    Array.from({ length: 2 + (next() % 8) }, () => String.fromCharCode(97 + (next() % 26))).join(""),
  );
  const word = () => vocabulary[next() % vocabulary.length]!;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  ];
  for (let size = 0; size < xmlBytes; size += parts.at(-1)!.length) {
    const runs = Array.from(
      { length: 8 },
      () => `<w:r><w:t xml:space="preserve">${word()} ${word()} ${word()} </w:t></w:r>`,
    );
    parts.push(`<w:p>${runs.join("")}</w:p>`);
  }
  parts.push("</w:body></w:document>");
  return makeZip([
    { name: "[Content_Types].xml", data: MINIMAL_DOCX_CONTENT_TYPES },
    { name: "_rels/.rels", data: MINIMAL_DOCX_RELS },
    { name: "word/document.xml", data: parts.join("") },
  ]);
}

/**
 * A small PDF whose one page's content stream inflates to `inflatedBytes` (a line of text, then
 * spaces): a reader holds the inflated stream in buffers outside the JavaScript heap.
 */
export async function makePdfBomb(inflatedBytes: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([600, 800]);
  const text = Buffer.from("BT /F1 12 Tf 40 760 Td (Hello) Tj ET\n");
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  // Deflated piece by piece, so building the bomb never holds it inflated.
  const deflate = createDeflate({ level: 9 });
  const deflated = (async () => {
    const parts: Buffer[] = [];
    for await (const part of deflate) parts.push(part as Buffer);
    return Buffer.concat(parts);
  })();
  deflate.write(text);
  for (let written = text.length; written < inflatedBytes; written += spaces.length) {
    if (!deflate.write(spaces)) await once(deflate, "drain");
  }
  deflate.end();
  const stream = pdf.context.stream(await deflated, { Filter: "FlateDecode" });
  page.node.set(PDFName.of("Contents"), pdf.context.register(stream));
  return pdf.save({ useObjectStreams: false });
}

/** A valid 1×1 PNG image. */
export function makePng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixels = deflateSync(Buffer.from([0, 255, 0, 0]));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", pixels),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}
