// A stored file's chunks read back from the vector index, in order, as the draft previewed them.
import { rm } from "node:fs/promises";
import path from "node:path";
import { beforeEach, expect, test } from "vitest";
import { env } from "../../../env";
import type { AppError } from "../../../errors";
import { keyActor, master } from "../../../test/actors";
import { createChatAssistant } from "../../../test/chat";
import { HANDBOOK_MD, stageFile, uploadAndIngest } from "../../../test/knowledge";
import { rejectionOf } from "../../../test/rejection";
import { previewFile } from "./preview-file";
import { getFileChunks } from "./get-file-chunks";
import { judgeFile, uploadFiles } from "./upload-files";

beforeEach(async () => {
  await rm(path.join(env.dataDir, "files"), { recursive: true, force: true });
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

test("an ingested file's chunks, in order, as the preview showed them before the upload", async () => {
  const [file] = await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
  const read = await getFileChunks(master, "support", file!.id);
  const preview = await previewFile(await judgeFile(await stageFile("handbook.md", HANDBOOK_MD)));
  expect(read.chunk_count).toBe(preview.chunk_count);
  expect(read.vector_store_id).toMatch(/^vs_/);
  expect(read.chunks.map((chunk) => [chunk.index, chunk.heading, chunk.text])).toEqual(
    preview.chunks.map((chunk) => [chunk.index, chunk.heading, chunk.text]),
  );
});

test("a file not yet ingested has none; another assistant's file is not found; a key of another assistant is refused", async () => {
  const [file] = await uploadFiles(master, "support", {
    files: [await stageFile("handbook.md", HANDBOOK_MD)],
    fields: {},
  });
  expect(await getFileChunks(master, "support", file!.id)).toEqual({
    file_id: file!.id,
    vector_store_id: null,
    chunk_count: 0,
    chunks: [],
  });
  expect((await rejectionOf<AppError>(getFileChunks(master, "sales", file!.id))).code).toBe("NOT_FOUND");
  const salesKey = keyActor("runtime", ["sales"]);
  expect((await rejectionOf<AppError>(getFileChunks(salesKey, "support", file!.id))).code).toMatch(
    /FORBIDDEN|NOT_FOUND/,
  );
});
