// Writes a tiny llama-architecture model as a GGUF v3 file, so that tests can run the real
// llama.cpp engine without downloading weights (this machine has no model hub). The weights are
// seeded random F32 values: the model loads, tokenizes, generates and embeds like a real one, and
// produces gibberish. The vocabulary is SentencePiece-style (tokenizer.ggml.model = "llama"):
// the control tokens, all 256 byte-fallback tokens <0xNN>, the printable ASCII characters and the
// prefixes of some common words, so any text tokenizes. A ChatML template lets chat wrappers work.
// Layout follows the GGUF spec (little endian): header, typed metadata, tensor infos, then the
// tensor data, every tensor starting on an `alignment` boundary of the data section.
import { writeFile } from "node:fs/promises";

export interface TinyGgufOptions {
  /** Seed of the weight generator: the same seed writes the same file. */
  seed?: number;
  name?: string;
  contextLength?: number;
  embeddingLength?: number;
  blockCount?: number;
  feedForwardLength?: number;
  headCount?: number;
  /** A jinja chat template, or null to write none (chat wrappers then fall back to their own). */
  chatTemplate?: string | null;
}

export interface TinyGgufInfo {
  vocabularySize: number;
  embeddingLength: number;
  contextLength: number;
  fileSize: number;
}

const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const WORDS = [
  "the be to of and a in that have it for not on with he as you do at this but his by from",
  "they we say her she or an will my one all would there their what so up out if about who",
  "get which go me hello world user assistant system",
].flatMap((line) => line.split(" "));

const ALIGNMENT = 32;
const SPACE_MARK = "\u2581"; // SentencePiece's visible space

// llama.cpp's token types (llama_token_type).
const TokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;
// GGUF metadata value types.
const ValueType = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_TYPE_F32 = 0;

type MetadataValue =
  | { type: "uint32"; value: number }
  | { type: "float32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "array"; itemType: "string"; values: string[] }
  | { type: "array"; itemType: "float32" | "int32"; values: number[] };

interface Tensor {
  name: string;
  /** GGUF order: dims[0] varies fastest (a [n_embd, n_vocab] matrix has n_vocab rows of n_embd). */
  dims: number[];
  data: Float32Array;
}

/** Writes the model to `path` and returns its shape. Deterministic for a given seed and options. */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<TinyGgufInfo> {
  const nEmbd = options.embeddingLength ?? 64;
  const nCtx = options.contextLength ?? 512;
  const nFf = options.feedForwardLength ?? 128;
  const nBlocks = options.blockCount ?? 2;
  const nHead = options.headCount ?? 4;
  const vocab = buildVocabulary();
  const chatTemplate = options.chatTemplate === undefined ? CHATML_TEMPLATE : options.chatTemplate;

  const metadata: [string, MetadataValue][] = [
    ["general.architecture", { type: "string", value: "llama" }],
    ["general.name", { type: "string", value: options.name ?? "hearth-tiny-test" }],
    ["general.alignment", { type: "uint32", value: ALIGNMENT }],
    ["llama.context_length", { type: "uint32", value: nCtx }],
    ["llama.embedding_length", { type: "uint32", value: nEmbd }],
    ["llama.block_count", { type: "uint32", value: nBlocks }],
    ["llama.feed_forward_length", { type: "uint32", value: nFf }],
    ["llama.attention.head_count", { type: "uint32", value: nHead }],
    ["llama.attention.head_count_kv", { type: "uint32", value: nHead }],
    ["llama.rope.dimension_count", { type: "uint32", value: nEmbd / nHead }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "float32", value: 1e-5 }],
    ["tokenizer.ggml.model", { type: "string", value: "llama" }],
    ["tokenizer.ggml.tokens", { type: "array", itemType: "string", values: vocab.tokens }],
    ["tokenizer.ggml.scores", { type: "array", itemType: "float32", values: vocab.scores }],
    ["tokenizer.ggml.token_type", { type: "array", itemType: "int32", values: vocab.types }],
    ["tokenizer.ggml.unknown_token_id", { type: "uint32", value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: "uint32", value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: "uint32", value: 2 }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: true }],
    ["tokenizer.ggml.add_eos_token", { type: "bool", value: false }],
  ];
  if (chatTemplate !== null)
    metadata.push(["tokenizer.chat_template", { type: "string", value: chatTemplate }]);

  const random = mulberry32(options.seed ?? 42);
  const matrix = (cols: number, rows: number) => ({
    dims: [cols, rows],
    data: randomWeights(cols * rows, 1 / Math.sqrt(cols), random),
  });
  const ones = (n: number) => ({ dims: [n], data: new Float32Array(n).fill(1) });
  const nVocab = vocab.tokens.length;

  const tensors: Tensor[] = [
    { name: "token_embd.weight", dims: [nEmbd, nVocab], data: randomWeights(nEmbd * nVocab, 1, random) },
    { name: "output_norm.weight", ...ones(nEmbd) },
    { name: "output.weight", ...matrix(nEmbd, nVocab) },
  ];
  for (let i = 0; i < nBlocks; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, ...ones(nEmbd) },
      { name: `blk.${i}.attn_q.weight`, ...matrix(nEmbd, nEmbd) },
      { name: `blk.${i}.attn_k.weight`, ...matrix(nEmbd, nEmbd) },
      { name: `blk.${i}.attn_v.weight`, ...matrix(nEmbd, nEmbd) },
      { name: `blk.${i}.attn_output.weight`, ...matrix(nEmbd, nEmbd) },
      { name: `blk.${i}.ffn_norm.weight`, ...ones(nEmbd) },
      { name: `blk.${i}.ffn_gate.weight`, ...matrix(nEmbd, nFf) },
      { name: `blk.${i}.ffn_up.weight`, ...matrix(nEmbd, nFf) },
      { name: `blk.${i}.ffn_down.weight`, ...matrix(nFf, nEmbd) },
    );
  }

  const file = encodeGguf(metadata, tensors);
  await writeFile(path, file);
  return { vocabularySize: nVocab, embeddingLength: nEmbd, contextLength: nCtx, fileSize: file.length };
}

function buildVocabulary() {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (text: string, type: number, score = 0) => {
    tokens.push(text);
    types.push(type);
    scores.push(score);
  };

  add("<unk>", TokenType.unknown);
  add("<s>", TokenType.control);
  add("</s>", TokenType.control);
  add("<|im_start|>", TokenType.control);
  add("<|im_end|>", TokenType.control);
  for (let byte = 0; byte < 256; byte++) {
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`, TokenType.byte);
  }

  // SentencePiece merges two adjacent pieces only when their concatenation is in the vocabulary,
  // so a word needs every prefix of "▁word" (and every character) to be reachable.
  const pieces = new Set<string>([SPACE_MARK]);
  for (let code = 0x21; code < 0x7f; code++) pieces.add(String.fromCharCode(code));
  for (const word of WORDS) {
    const marked = SPACE_MARK + word;
    for (let end = 2; end <= marked.length; end++) pieces.add(marked.slice(0, end));
  }
  // Longer pieces score higher, so the tokenizer prefers whole words.
  for (const piece of pieces) add(piece, TokenType.normal, -100 + piece.length);

  return { tokens, scores, types };
}

function randomWeights(count: number, scale: number, random: () => number): Float32Array {
  const data = new Float32Array(count);
  // Uniform on [-scale·√3, scale·√3]: standard deviation `scale`.
  for (let i = 0; i < count; i++) data[i] = (random() * 2 - 1) * scale * Math.sqrt(3);
  return data;
}

/** A small, well-known seeded PRNG (mulberry32): uniform floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function encodeGguf(metadata: [string, MetadataValue][], tensors: Tensor[]): Buffer {
  const out = new ByteWriter();
  out.raw(Buffer.from("GGUF", "ascii"));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    writeMetadataValue(out, value);
  }

  let dataOffset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    offsets.push(dataOffset);
    dataOffset = alignUp(dataOffset + tensor.data.byteLength, ALIGNMENT);
  }
  tensors.forEach((tensor, index) => {
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(GGML_TYPE_F32);
    out.u64(offsets[index] ?? 0);
  });

  out.padTo(ALIGNMENT);
  const dataStart = out.length;
  tensors.forEach((tensor, index) => {
    out.padTo(ALIGNMENT);
    if (out.length - dataStart !== offsets[index]) throw new Error(`misplaced tensor ${tensor.name}`);
    out.f32Array(tensor.data);
  });
  out.padTo(ALIGNMENT);
  return out.toBuffer();
}

function writeMetadataValue(out: ByteWriter, value: MetadataValue): void {
  switch (value.type) {
    case "uint32":
      out.u32(ValueType.uint32);
      out.u32(value.value);
      return;
    case "float32":
      out.u32(ValueType.float32);
      out.f32(value.value);
      return;
    case "bool":
      out.u32(ValueType.bool);
      out.u8(value.value ? 1 : 0);
      return;
    case "string":
      out.u32(ValueType.string);
      out.string(value.value);
      return;
    case "array":
      out.u32(ValueType.array);
      out.u32(ValueType[value.itemType]);
      out.u64(value.values.length);
      if (value.itemType === "string") for (const item of value.values) out.string(item);
      else if (value.itemType === "float32") for (const item of value.values) out.f32(item);
      else for (const item of value.values) out.i32(item);
  }
}

function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

/** Little-endian binary output collected in chunks. */
class ByteWriter {
  private chunks: Buffer[] = [];
  length = 0;

  raw(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  u8(value: number): void {
    this.raw(Buffer.from([value]));
  }

  u32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(value);
    this.raw(bytes);
  }

  i32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32LE(value);
    this.raw(bytes);
  }

  u64(value: number): void {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(BigInt(value));
    this.raw(bytes);
  }

  f32(value: number): void {
    const bytes = Buffer.alloc(4);
    bytes.writeFloatLE(value);
    this.raw(bytes);
  }

  f32Array(values: Float32Array): void {
    const bytes = Buffer.alloc(values.byteLength);
    values.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
    this.raw(bytes);
  }

  /** A GGUF string: u64 byte length, then UTF-8 bytes without a terminator. */
  string(value: string): void {
    const bytes = Buffer.from(value, "utf8");
    this.u64(bytes.length);
    this.raw(bytes);
  }

  padTo(alignment: number): void {
    const padding = alignUp(this.length, alignment) - this.length;
    if (padding > 0) this.raw(Buffer.alloc(padding));
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}
