// Deterministic embeddings without a model: feature hashing of lower-cased words and word pairs
// into a signed vector, scaled to unit length. Texts that share words get a higher cosine, so
// retrieval tests behave plausibly; the same text always gives the same vector.

/** FNV-1a, 32 bits. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function features(input: string | readonly number[]): string[] {
  if (typeof input !== "string") return input.map((id) => `#${id}`);
  const words = input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...words, ...words.slice(1).map((word, i) => `${words[i]} ${word}`)];
}

export function embed(input: string | readonly number[], dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const all = features(input);
  // An input without words still gets a unit vector of its own.
  for (const feature of all.length ? all : [`empty:${JSON.stringify(input)}`]) {
    const hash = fnv1a(feature);
    const index = hash % dimensions;
    vector[index] = (vector[index] ?? 0) + (fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1);
  }
  let norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) {
    // Features cancelled out exactly; fall back to one axis.
    vector[fnv1a(JSON.stringify(input)) % dimensions] = 1;
    norm = 1;
  }
  return vector.map((value) => value / norm);
}

/** vLLM's (and OpenAI's) base64 form: little-endian float32. */
export function toBase64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => buffer.writeFloatLE(value, i * 4));
  return buffer.toString("base64");
}
