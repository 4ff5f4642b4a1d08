// Markdown to sections: marked (its lexer, then its HTML renderer) resolves the syntax, and the
// HTML walker shared with HTML and DOCX splits by heading, so code blocks keep their lines and
// headings nest the same way in every format. YAML front matter is not text; its title is kept.
import { marked } from "marked";
import type { DocumentSection } from "./document-types";
import { parseHtml } from "./parse-html";

const FRONT_MATTER = /^---[^\S\n]*\n([\s\S]*?)\n(?:---|\.\.\.)[^\S\n]*(?:\n|$)/;
const TITLE_LINE = /^title:[^\S\n]*(.+)$/m;

export function parseMarkdown(markdown: string): { title: string | null; sections: DocumentSection[] } {
  const source = markdown.replace(/\r\n?/g, "\n");
  const frontMatter = FRONT_MATTER.exec(source);
  const body = frontMatter ? source.slice(frontMatter[0].length) : source;
  const content = parseHtml(marked.parse(body, { async: false, gfm: true }));
  return { title: frontMatterTitle(frontMatter?.[1]) ?? content.title, sections: content.sections };
}

function frontMatterTitle(yaml: string | undefined): string | null {
  const value = yaml && TITLE_LINE.exec(yaml)?.[1]?.trim();
  return value ? value.replace(/^(["'])(.*)\1$/, "$2") || null : null;
}
