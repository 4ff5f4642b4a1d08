// The title an Office document carries in docProps/core.xml (File > Properties), if any.
import { Parser } from "htmlparser2";
import { normalizeInline } from "./normalize-text";

export function readCoreTitle(coreProperties: string | null): string | null {
  if (!coreProperties) return null;
  let inTitle = false;
  let title = "";
  const parser = new Parser(
    {
      onopentag: (name) => void (inTitle = name === "dc:title"),
      onclosetag: () => void (inTitle = false),
      ontext: (text) => void (inTitle && (title += text)),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(coreProperties);
  return normalizeInline(title) || null;
}
