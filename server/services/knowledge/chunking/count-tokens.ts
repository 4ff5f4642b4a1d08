// Token counts (o200k) that stay fast on any input. BPE is quadratic in the length of a
// pre-tokenized piece, and a run of letters with no space or punctuation is a single piece: 32k
// such characters take most of a second, a megabyte would take hours. Such runs (DNA sequences,
// padding, hex-less blobs) are counted in slices and the counts added, which can only overstate
// the true count slightly, so a limit checked against it still holds.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

const RUN_SLICE = 512;
const LONG_RUN = new RegExp(`\\S{${RUN_SLICE},}`, "g");

export function countTokensSafely(text: string): number {
  let total = 0;
  let last = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    total += countTokens(text.slice(last, match.index));
    for (let start = 0; start < match[0].length; start += RUN_SLICE) {
      total += countTokens(match[0].slice(start, start + RUN_SLICE));
    }
    last = match.index + match[0].length;
  }
  return last === 0 ? countTokens(text) : total + countTokens(text.slice(last));
}
