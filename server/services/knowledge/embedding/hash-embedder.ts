// The built-in embedder: no model, no network, the default. It is a lexical model (it matches
// words, not meanings) built for retrieval: words are lower-cased, stripped of diacritics, cut from
// a few English suffixes and filtered of stopwords; each distinct stem, each pair of neighbouring
// stems (phrases, product codes such as "xj 9000") and, with a lower weight, the character
// trigrams of each word (spelling variants, other inflections, compounds, languages without
// spaces) is hashed with a sign into `dimension` buckets, weighted by 1 + ln(term frequency) so a
// repeated word does not drown the rest, and the vector is scaled to unit length. Same text, same
// vector, on every machine; a text without words (empty, punctuation only, only stopwords) gets the
// zero vector, whose cosine with anything is 0, so it never passes a relevance threshold.
// Changing anything here changes the vectors: bump HASH_EMBEDDER_MODEL, so stores re-index.
import { normalizeInPlace, type Embedder } from "./embedder";

export const HASH_EMBEDDER_MODEL = "lexical-v1";
export const DEFAULT_HASH_DIMENSION = 512;

/**
 * Bigrams reward phrases, but they double the features a chunk spreads over the buckets: on a
 * synthetic corpus, weights above ~0.3 cost more recall on plain word queries than they gained.
 */
const BIGRAM_WEIGHT = 0.3;
/** Norm of one word's trigram features relative to its unigram (before collisions). */
const TRIGRAM_WEIGHT = 0.5;
const MIN_TRIGRAM_WORD = 4;
const MAX_WORD_LENGTH = 64;
/** Distinct words remembered per embedder; the cache is emptied when it grows past this. */
const WORD_CACHE_SIZE = 200_000;

const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not now of off on once only or other our ours ourselves out over own same she should " +
    "so some such than that the their theirs them themselves then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with would you " +
    "your yours yourself yourselves"
  ).split(" "),
);

/** What one distinct word contributes, computed once per word and cached. */
interface WordFeatures {
  /** Hash of the stem: unigram bucket and sign, and the seed of the bigram hashes. */
  hash: number;
  /** Signed trigram buckets: bucket + 1, negated for a negative sign. */
  grams: Int32Array;
  /** Occurrences in the text being embedded, valid while `epoch` is that text's. */
  count: number;
  epoch: number;
}

export function createHashEmbedder(options: { dimension?: number } = {}): Embedder {
  const dimension = options.dimension ?? DEFAULT_HASH_DIMENSION;
  if (!Number.isInteger(dimension) || dimension < 8) {
    throw new Error(`The hash embedder's dimension must be an integer of at least 8, not ${dimension}`);
  }
  const vectorizer = new Vectorizer(dimension);
  return {
    provider: "hash",
    model: HASH_EMBEDDER_MODEL,
    dimension,
    async embed(texts, _purpose, signal) {
      signal?.throwIfAborted();
      return texts.map((text) => vectorizer.embed(text));
    },
  };
}

/** Turns texts into vectors, reusing its word cache and counting tables from one text to the next. */
class Vectorizer {
  private readonly words = new Map<string, WordFeatures | null>();
  private readonly distinct: WordFeatures[] = [];
  /** Unigram (stem) and bigram hashes, counted. */
  private readonly terms = new HashCounter();
  private epoch = 0;

  constructor(private readonly dimension: number) {}

  embed(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    const epoch = ++this.epoch;
    let previous = 0;
    for (const token of text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
      const word = this.featuresOf(token);
      if (!word) continue; // a stopword: its neighbours still form a bigram
      if (word.epoch !== epoch) {
        word.epoch = epoch;
        word.count = 0;
        this.distinct.push(word);
      }
      word.count++;
      this.terms.add(word.hash, false);
      if (previous) this.terms.add(mix(Math.imul(previous, 0x9e3779b1) ^ word.hash ^ 0x2545f491), true);
      previous = word.hash;
    }
    // Trigrams are weighted by the frequency of their surface word, unigrams and bigrams by their own.
    for (const word of this.distinct) {
      const weight = ((1 + Math.log(word.count)) * TRIGRAM_WEIGHT) / Math.sqrt(word.grams.length || 1);
      for (const gram of word.grams) {
        if (gram > 0) vector[gram - 1] = vector[gram - 1]! + weight;
        else vector[-gram - 1] = vector[-gram - 1]! - weight;
      }
    }
    this.terms.drain((hash, count, isBigram) =>
      add(vector, hash, (isBigram ? BIGRAM_WEIGHT : 1) * (1 + Math.log(count))),
    );
    this.distinct.length = 0;
    return normalizeInPlace(vector);
  }

  private featuresOf(token: string): WordFeatures | null {
    let features = this.words.get(token);
    if (features === undefined) {
      if (this.words.size >= WORD_CACHE_SIZE) this.words.clear();
      features = analyzeWord(token, this.dimension);
      this.words.set(token, features);
    }
    return features;
  }
}

/**
 * Counts 32-bit hashes in an open-addressing table reused between texts (a Map per text costs
 * more than the rest of the embedding). Whether a hash was added as a unigram or a bigram is kept
 * beside its count; a collision of a unigram and a bigram hash merges them, as in the vector.
 */
class HashCounter {
  private keys = new Uint32Array(1024);
  private counts = new Uint32Array(1024);
  private bigram = new Uint8Array(1024);
  private readonly used: number[] = [];

  add(hash: number, isBigram: boolean): void {
    if (this.used.length * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = hash & mask;
    while (this.counts[slot] !== 0 && this.keys[slot] !== hash) slot = (slot + 1) & mask;
    if (this.counts[slot] === 0) {
      this.keys[slot] = hash;
      this.bigram[slot] = isBigram ? 1 : 0;
      this.used.push(slot);
    }
    this.counts[slot] = this.counts[slot]! + 1;
  }

  drain(visit: (hash: number, count: number, isBigram: boolean) => void): void {
    for (const slot of this.used) {
      visit(this.keys[slot]!, this.counts[slot]!, this.bigram[slot] === 1);
      this.counts[slot] = 0;
    }
    this.used.length = 0;
  }

  private grow(): void {
    const old = { keys: this.keys, counts: this.counts, bigram: this.bigram, used: [...this.used] };
    const size = this.keys.length * 2;
    this.keys = new Uint32Array(size);
    this.counts = new Uint32Array(size);
    this.bigram = new Uint8Array(size);
    this.used.length = 0;
    const mask = size - 1;
    for (const from of old.used) {
      let slot = old.keys[from]! & mask;
      while (this.counts[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = old.keys[from]!;
      this.counts[slot] = old.counts[from]!;
      this.bigram[slot] = old.bigram[from]!;
      this.used.push(slot);
    }
  }
}

function add(vector: Float32Array, hash: number, weight: number): void {
  const index = hash % vector.length;
  vector[index] = vector[index]! + (hash & 0x80000000 ? -weight : weight);
}

function analyzeWord(token: string, dimension: number): WordFeatures | null {
  const word = token
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .slice(0, MAX_WORD_LENGTH);
  if (!word || STOPWORDS.has(word)) return null;
  const stemmed = stem(word);
  const grams: number[] = [];
  if (word.length >= MIN_TRIGRAM_WORD && !/^\p{N}+$/u.test(word)) {
    const marked = `#${word}#`;
    for (let i = 0; i + 3 <= marked.length; i++) {
      const hash = fnv1a(marked.slice(i, i + 3), 0x3c6ef372);
      const index = (hash % dimension) + 1;
      grams.push(hash & 0x80000000 ? -index : index);
    }
  }
  return { hash: fnv1a(stemmed, 0x811c9dc5), grams: Int32Array.from(grams), count: 0, epoch: 0 };
}

/** FNV-1a over UTF-16 code units, then a murmur3 finalizer so every bit depends on every input. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix(hash);
}

function mix(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

// A light English stemmer: a handful of inflectional and derivational suffixes, enough for
// "configure", "configured", "configuring" and "configuration" to meet. Stems keep 3+ letters;
// words with digits or non-ASCII letters are left whole (the trigrams cover their variants).
const SUFFIXES: [suffix: string, replacement: string][] = [
  ["ization", "iz"],
  ["ational", ""],
  ["ation", ""],
  ["ities", ""],
  ["ity", ""],
  ["ments", ""],
  ["ment", ""],
  ["ness", ""],
  ["ingly", ""],
  ["ing", ""],
  ["edly", ""],
  ["ed", ""],
  ["ly", ""],
];

/** The distinct stems of a text's words, stopwords left out: the terms the embedder hashes. */
export function contentTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
    const word = token
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .slice(0, MAX_WORD_LENGTH);
    if (word && !STOPWORDS.has(word)) terms.add(stem(word));
  }
  return terms;
}

export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let result = word;
  if (result.endsWith("ies") && result.length > 4) result = `${result.slice(0, -3)}y`;
  else if (result.endsWith("sses")) result = result.slice(0, -2);
  else if (result.endsWith("s") && !/(ss|us|is)$/.test(result)) result = result.slice(0, -1);
  for (const [suffix, replacement] of SUFFIXES) {
    if (result.endsWith(suffix) && result.length - suffix.length >= 3) {
      result = result.slice(0, -suffix.length) + replacement;
      // running -> runn -> run; but fall, miss, buzz keep their pairs
      if (/([^aeiouylsz])\1$/.test(result)) result = result.slice(0, -1);
      break;
    }
  }
  if (result.endsWith("e") && result.length > 3) result = result.slice(0, -1);
  return result;
}
