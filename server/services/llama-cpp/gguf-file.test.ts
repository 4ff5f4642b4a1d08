// The check a model file passes before llama.cpp reads it, and the scrub of llama.cpp's log: a
// model path must never make Hearth quote the first bytes of a file that is not a model.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { logger } from "../../logger";
import { assertGgufFile } from "./gguf-file";
import { logLlamaMessage } from "./llama-binding";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hearth-gguf-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("assertGgufFile", () => {
  test("accepts a file that starts with GGUF's magic", async () => {
    await writeFile(join(dir, "header-only.gguf"), "GGUF");
    await expect(assertGgufFile(join(dir, "header-only.gguf"))).resolves.toBeUndefined();
  });

  test("refuses other files, short ones included, without quoting their bytes", async () => {
    for (const [name, bytes] of [
      ["secret.gguf", "QZXW-secret"],
      ["short.gguf", "QZ"],
      ["empty.gguf", ""],
    ]) {
      const path = join(dir, name!);
      await writeFile(path, bytes!);
      const error = await assertGgufFile(path).then(
        () => null,
        (reason: unknown) => reason as Error,
      );
      expect(error?.message).toBe(`Could not load the llama.cpp model ${path}: the file is not a GGUF model`);
    }
  });

  test("calls a missing path or a folder not found", async () => {
    await mkdir(join(dir, "folder.gguf"));
    for (const path of [join(dir, "missing.gguf"), join(dir, "folder.gguf")]) {
      await expect(assertGgufFile(path)).rejects.toThrow(`llama.cpp model file not found: ${path}`);
    }
  });
});

describe("llama.cpp's log", () => {
  test("a line about a file's magic is replaced, whatever its level", () => {
    const logs = (["debug", "warn", "error"] as const).map((level) =>
      vi.spyOn(logger, level).mockImplementation(() => undefined),
    );
    try {
      for (const level of ["debug", "warn", "error", "fatal"]) {
        logLlamaMessage(
          level,
          "gguf_init_from_file_impl: invalid magic characters: 'QZXW', expected 'GGUF'\n",
        );
      }
      const calls = logs.flatMap((spy) => spy.mock.calls);
      expect(calls).toHaveLength(4);
      for (const call of calls) {
        expect(call).toEqual([{ component: "llama.cpp" }, "the file is not a GGUF model (bad magic)"]);
      }
    } finally {
      for (const spy of logs) spy.mockRestore();
    }
  });

  test("other lines are logged trimmed at their level, and empty ones not at all", () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      logLlamaMessage("warn", "  n_ctx_seq (512) < n_ctx_train (2048)\n");
      logLlamaMessage("error", " \n");
      expect(warn.mock.calls).toEqual([[{ component: "llama.cpp" }, "n_ctx_seq (512) < n_ctx_train (2048)"]]);
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
