// The cutting of one section's text into chunks of at most `maxTokens` tokens. The text is first
// split into sentences, each encoded once (with the whitespace before it, so that the counts add
// up as the joined text tokenizes). Sentences then form units of at most maxTokens -
// overlapTokens, so that the overlap always fits before any unit: a whole paragraph when it is
// that small, else its lines, else its sentences, and a longer sentence is cut by tokens. Units
// are packed greedily, so chunks end at paragraph breaks whenever the paragraphs allow. A new
// chunk starts with the end of the previous one: whole sentences within `overlapTokens` or, when
// the last sentence alone is longer, its last words.
import { countTokensSafely } from "./count-tokens";
import { splitByTokens, tailWithin } from "./split-by-tokens";

export interface TextChunk {
  text: string;
  tokenCount: number;
}

type Level = "paragraph" | "line" | "sentence";

/** A sentence, or a piece of one, with the whitespace that joins it to the text before it. */
interface Atom {
  text: string;
  sep: string;
  starts: Level;
  /** Tokens of sep + text. */
  tokens: number;
}

interface Unit {
  atoms: Atom[];
  tokens: number;
}

const RANK: Record<Level, number> = { paragraph: 2, line: 1, sentence: 0 };

// A sentence ends at . ! ? or … (with any closing quotes or brackets) before whitespace, or at
// CJK full stops, which need no space after them. Abbreviations ("e.g. this") cut too early,
// which costs nothing but a slightly earlier cut.
const SENTENCE_END = /([.!?…]+["'”’)\]]*)([^\S\n]+)|([。！？]+)/g;

export function chunkText(text: string, maxTokens: number, overlapTokens: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  let window: Atom[] = [];
  let windowTokens = 0;
  let carried = 0;
  for (const unit of toUnits(toAtoms(text), maxTokens - overlapTokens)) {
    if (window.length > carried && windowTokens + unit.tokens > maxTokens) {
      chunks.push(...finish(window, carried, maxTokens));
      window = overlapOf(window, Math.min(overlapTokens, maxTokens - unit.tokens));
      windowTokens = sumTokens(window);
      carried = window.length;
    }
    window.push(...unit.atoms);
    windowTokens += unit.tokens;
  }
  if (window.length > carried) chunks.push(...finish(window, carried, maxTokens));
  return chunks;
}

function toAtoms(text: string): Atom[] {
  const atoms: Atom[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let starts: Level = "paragraph";
    for (const line of paragraph.split("\n")) {
      const content = line.trimEnd();
      if (!content.trim()) continue;
      let sep = starts === "paragraph" ? (atoms.length > 0 ? "\n\n" : "") : "\n";
      let start = 0;
      for (const match of content.matchAll(SENTENCE_END)) {
        const end = match.index + (match[1] ?? match[3] ?? "").length;
        const next = match.index + match[0].length;
        if (next >= content.length) break;
        atoms.push(atom(content.slice(start, end), sep, starts));
        [sep, start, starts] = [match[2] ?? "", next, "sentence"];
      }
      atoms.push(atom(content.slice(start), sep, starts));
      starts = "line";
    }
  }
  return atoms;
}

function atom(text: string, sep: string, starts: Level): Atom {
  return { text, sep, starts, tokens: countTokensSafely(sep + text) };
}

function toUnits(atoms: Atom[], limit: number): Unit[] {
  const units: Unit[] = [];
  for (const paragraph of groupAt(atoms, "paragraph")) {
    if (sumTokens(paragraph) <= limit) {
      units.push(unit(paragraph));
      continue;
    }
    for (const line of groupAt(paragraph, "line")) {
      if (sumTokens(line) <= limit) {
        units.push(unit(line));
        continue;
      }
      for (const sentence of line) {
        const pieces = sentence.tokens <= limit ? [sentence] : cutSentence(sentence, limit);
        for (const piece of pieces) units.push(unit([piece]));
      }
    }
  }
  return units;
}

/** Runs of atoms, each starting where an atom starts a `level` (or a larger part). */
function groupAt(atoms: Atom[], level: Level): Atom[][] {
  const groups: Atom[][] = [];
  for (const item of atoms) {
    const last = groups.at(-1);
    if (!last || RANK[item.starts] >= RANK[level]) groups.push([item]);
    else last.push(item);
  }
  return groups;
}

function cutSentence(sentence: Atom, maxTokens: number): Atom[] {
  let sep = sentence.sep;
  const pieces: Atom[] = [];
  for (const piece of splitByTokens(sentence.text, maxTokens)) {
    const text = piece.trimEnd();
    if (text) pieces.push(atom(text, sep, "sentence"));
    sep = piece.slice(text.length);
  }
  return pieces;
}

function unit(atoms: Atom[]): Unit {
  return { atoms, tokens: sumTokens(atoms) };
}

/** The end of the window to repeat at the start of the next chunk, within `budget` tokens. */
function overlapOf(window: Atom[], budget: number): Atom[] {
  if (budget <= 0) return [];
  const tail: Atom[] = [];
  let used = 0;
  for (let index = window.length - 1; index >= 0; index--) {
    const item = window[index]!;
    if (used + item.tokens > budget) {
      if (tail.length === 0) {
        const words = tailWithin(item.text, budget);
        if (words) tail.push(atom(words, "", "sentence"));
      }
      break;
    }
    tail.push(item);
    used += item.tokens;
  }
  return tail.reverse();
}

/**
 * The window as chunk text, counted for real. Counts of the parts can differ by a token or so
 * from the count of the whole; if that tips the chunk over, overlap goes first, then it is cut.
 */
function finish(window: Atom[], carried: number, maxTokens: number): TextChunk[] {
  let atoms = window;
  for (let shed = 0; ; shed++) {
    const text = join(atoms);
    const tokenCount = countTokensSafely(text);
    if (tokenCount <= maxTokens) return [{ text, tokenCount }];
    if (shed >= carried) {
      return splitByTokens(text, maxTokens)
        .map((piece) => piece.trim())
        .filter(Boolean)
        .map((piece) => ({ text: piece, tokenCount: countTokensSafely(piece) }));
    }
    atoms = atoms.slice(1);
  }
}

function join(atoms: Atom[]): string {
  return atoms.map((item, index) => (index === 0 ? item.text : item.sep + item.text)).join("");
}

function sumTokens(atoms: Atom[]): number {
  let total = 0;
  for (const item of atoms) total += item.tokens;
  return total;
}
