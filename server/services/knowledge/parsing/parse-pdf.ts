// PDF to one section per page, through pdfjs (unpdf's serverless build, which runs in-thread and
// needs no canvas). pdfjs gives positioned text runs; a line ends where it says so or where the
// baseline moves, and a gap taller than a line and a half is taken as a paragraph break.
import { getDocumentProxy } from "unpdf";
import { DocumentError } from "./document-error";
import type { DocumentSection } from "./document-types";
import { normalizeProse } from "./normalize-text";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type PageItems = Awaited<ReturnType<Awaited<ReturnType<PdfDocument["getPage"]>>["getTextContent"]>>["items"];

export interface PdfContent {
  title: string | null;
  pageCount: number;
  sections: DocumentSection[];
}

export async function parsePdf(bytes: Uint8Array): Promise<PdfContent> {
  const pdf = await openPdf(bytes);
  try {
    const sections: DocumentSection[] = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      const content = await (await pdf.getPage(page)).getTextContent();
      const text = normalizeProse(pageText(content.items));
      if (text) sections.push({ text, heading: null, page });
    }
    return { title: await readTitle(pdf), pageCount: pdf.numPages, sections };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError("corrupt", "The PDF is damaged: some of its pages cannot be read.");
  } finally {
    await pdf.destroy();
  }
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // pdfjs takes ownership of (detaches) the buffer it is given, hence the copy.
    return await getDocumentProxy(bytes.slice(), { verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new DocumentError(
        "encrypted",
        "The PDF is password-protected. Remove the password and upload it again.",
      );
    }
    throw new DocumentError("corrupt", "The PDF is damaged or not a valid PDF file.");
  }
}

function pageText(items: PageItems): string {
  let text = "";
  let lastY: number | null = null;
  let lastHeight = 0;
  let lineEnded = false;
  for (const item of items) {
    if (!("str" in item)) continue;
    if (!item.str.trim()) {
      if (item.hasEOL) lineEnded = true;
      else text += item.str;
      continue;
    }
    const y = Number(item.transform[5]);
    if (lastY !== null) {
      const gap = Math.abs(lastY - y);
      const lineHeight = Math.max(lastHeight, item.height, 1);
      if (lineEnded || gap > lineHeight / 2) text += gap > lineHeight * 1.5 ? "\n\n" : "\n";
    }
    text += item.str;
    lastY = y;
    lastHeight = item.height;
    lineEnded = item.hasEOL;
  }
  return text;
}

async function readTitle(pdf: PdfDocument): Promise<string | null> {
  try {
    const { info } = (await pdf.getMetadata()) as { info?: { Title?: unknown } };
    const title = typeof info?.Title === "string" ? info.Title.trim() : "";
    return title || null;
  } catch {
    return null;
  }
}
