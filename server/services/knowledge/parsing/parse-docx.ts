// DOCX to sections: the archive is inspected first (zip bombs), then mammoth renders the
// document as semantic HTML (Word's heading styles become h1–h6), which the HTML walker splits
// by heading. Images are not read at all.
import mammoth from "mammoth";
import { DocumentError } from "./document-error";
import type { DocumentSection, ParseLimits } from "./document-types";
import { inspectZip } from "./inspect-zip";
import { parseHtml } from "./parse-html";
import { readCoreTitle } from "./read-core-title";

const skipImages = mammoth.images.imgElement(async () => ({ src: "" }));

export async function parseDocx(
  bytes: Uint8Array,
  limits: ParseLimits,
): Promise<{ title: string | null; sections: DocumentSection[] }> {
  const { coreProperties } = await inspectZip(bytes, limits);
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    html = (await mammoth.convertToHtml({ buffer }, { convertImage: skipImages })).value;
  } catch {
    throw new DocumentError("corrupt", "The Word document is damaged and cannot be read.");
  }
  const content = parseHtml(html);
  return { title: readCoreTitle(coreProperties) ?? content.title, sections: content.sections };
}
