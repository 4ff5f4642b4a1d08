// The check every model file passes before node-llama-cpp opens it. On a file that is not a GGUF,
// node-llama-cpp's error ("Invalid GGUF magic ... got 'xxxx'") and llama.cpp's log both quote the
// file's first four bytes as its "magic", which made a model path an oracle on any readable file
// (a secret's first characters). So the magic is read here, where nothing quotes it, and whatever
// llama.cpp says about a magic is replaced before it reaches an error or the log.
import { open, stat } from "node:fs/promises";

export const NOT_A_GGUF_MODEL = "the file is not a GGUF model";

const GGUF_MAGIC = Buffer.from("GGUF");

/** Whether a text from llama.cpp (an error, a log line) may quote a file's bytes. */
export function mayQuoteFileBytes(text: string): boolean {
  return /magic/i.test(text);
}

/** Throws unless the path names a file that starts with GGUF's magic bytes. */
export async function assertGgufFile(modelPath: string): Promise<void> {
  const file = await stat(modelPath).catch(() => null);
  if (!file?.isFile()) throw new Error(`llama.cpp model file not found: ${modelPath}`);
  if (!(await hasGgufMagic(modelPath))) {
    throw new Error(`Could not load the llama.cpp model ${modelPath}: ${NOT_A_GGUF_MODEL}`);
  }
}

async function hasGgufMagic(modelPath: string): Promise<boolean> {
  const handle = await open(modelPath, "r").catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(GGUF_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(GGUF_MAGIC);
  } finally {
    await handle.close();
  }
}
