// Cutting text that has no usable structure by token count: a giant sentence, a word longer
// than a chunk (a base64 blob, a URL), the tail of a sentence taken as overlap. Cuts fall on
// whitespace where there is some, and always between characters (never inside a surrogate pair
// or a multi-byte character, which cutting a token sequence could do). Windows are sized in
// characters and shrunk until they fit, so a huge input costs a few tokenizer calls per piece
// instead of one per word.
import { countTokensSafely } from "./count-tokens";

// A first guess at how many characters a token covers; each miss shrinks the window in proportion.
const CHARS_PER_TOKEN = 4;

/** Consecutive pieces of `text`, each at most `maxTokens` tokens, that concatenate back to it. */
export function splitByTokens(text: string, maxTokens: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = fittingEnd(text, start, maxTokens);
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** An ending of `text` of at most (and about) `budget` tokens, starting after whitespace, or "". */
export function tailWithin(text: string, budget: number): string {
  if (budget <= 0) return "";
  let size = budget * CHARS_PER_TOKEN;
  while (size > 0) {
    let start = Math.max(0, text.length - size);
    if (start > 0) {
      const space = text.slice(start).search(/\s/);
      if (space < 0) return "";
      start += space;
    }
    const tail = text.slice(start).trimStart();
    const tokens = countTokensSafely(tail);
    if (tokens <= budget) return tail;
    size = Math.floor(((text.length - start) * budget) / tokens) - 1;
  }
  return "";
}

function fittingEnd(text: string, start: number, maxTokens: number): number {
  let size = maxTokens * CHARS_PER_TOKEN;
  for (;;) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) end = wordBoundary(text, start, end);
    const tokens = countTokensSafely(text.slice(start, end));
    // One character is at most four tokens (its UTF-8 bytes), within any sensible maximum.
    if (tokens <= maxTokens || end - start <= 2) return end;
    size = Math.max(1, Math.floor(((end - start) * maxTokens) / tokens) - 1);
  }
}

/** `end` moved back to just after the last whitespace in the window's second half, if any. */
function wordBoundary(text: string, start: number, end: number): number {
  const floor = start + Math.floor((end - start) / 2);
  for (let index = end; index > floor; index--) {
    if (/\s/.test(text[index - 1]!)) return index;
  }
  return safeEnd(text, start, end);
}

/** Never between the two halves of a surrogate pair, and never an empty piece. */
function safeEnd(text: string, start: number, end: number): number {
  const code = text.charCodeAt(end - 1);
  const splitsPair = code >= 0xd800 && code <= 0xdbff;
  if (splitsPair) return end - 1 > start ? end - 1 : end + 1;
  return Math.max(end, start + 1);
}
