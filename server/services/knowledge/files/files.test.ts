// Knowledge files through the real services: upload (judged by content, all or nothing), the
// durable ingestion that follows, listing and status, who may do what, and deletion that leaves
// no row, blob or vector behind.
import { rm } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../../db/client";
import { env } from "../../../env";
import type { AppError } from "../../../errors";
import { createUserActor, keyActor, master } from "../../../test/actors";
import { createChatAssistant } from "../../../test/chat";
import { HANDBOOK_MD, PRICING_MD, stageFile, storedBlobs, uploadAndIngest } from "../../../test/knowledge";
import { rejectionOf } from "../../../test/rejection";
import { deleteAssistant } from "../../assistants/delete-assistant";
import { runIngestionUntilIdle } from "../ingestion/ingestion-worker";
import { getIndex, storeTable } from "../knowledge-adapters";
import { deleteFile } from "./delete-file";
import { getFile } from "./get-file";
import { listFiles } from "./list-files";
import { uploadFiles } from "./upload-files";

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
  8, 6, 0, 0, 0,
]);

async function vectorCount(fileId: string): Promise<number> {
  const stores = await getDb().vectorStore.findMany();
  let total = 0;
  for (const store of stores) total += await getIndex().countRows(storeTable(store), fileId);
  return total;
}

beforeEach(async () => {
  // The database is reset between tests; the stored bytes of earlier tests go too.
  await rm(path.join(env.dataDir, "files"), { recursive: true, force: true });
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("uploading", () => {
  test("a Markdown file is stored, ingested into the default store and searchable", async () => {
    const [file] = await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect(file).toMatchObject({ filename: "handbook.md", format: "markdown", status: "in_progress" });
    const done = await getFile(master, "support", file!.id);
    expect(done).toMatchObject({ status: "completed", stage: "done", error: null });
    expect(done.chunk_count).toBeGreaterThan(0);
    const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    expect(done.vector_store_ids).toEqual([store.id]);
    expect(await vectorCount(file!.id)).toBe(done.chunk_count);
  });

  test("the type is judged by content: a PNG named .pdf is 415 and nothing is stored", async () => {
    const error = await rejectionOf<AppError>(
      uploadFiles(master, "support", { files: [await stageFile("report.pdf", PNG)], fields: {} }),
    );
    expect(error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(error.message).toContain("report.pdf");
    expect(await getDb().knowledgeFile.count()).toBe(0);
    expect(await storedBlobs()).toEqual([]);
  });

  test("an empty file is refused, and one bad file refuses the whole upload", async () => {
    const empty = await rejectionOf<AppError>(
      uploadFiles(master, "support", { files: [await stageFile("empty.txt", "")], fields: {} }),
    );
    expect(empty.code).toBe("INVALID_INPUT");
    const mixed = await rejectionOf<AppError>(
      uploadFiles(master, "support", {
        files: [await stageFile("good.md", HANDBOOK_MD), await stageFile("bad.docx", PNG)],
        fields: {},
      }),
    );
    expect(mixed.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await getDb().knowledgeFile.count()).toBe(0);
    expect(await storedBlobs()).toEqual([]);
  });

  // The fields' own validation (unknown fields, attributes that are not a JSON object) is the
  // REST edge's, as for a JSON body: server/http/multipart-fields.test.ts.
  test("a store of another assistant is not found, and an upload needs a file", async () => {
    const staged = () => stageFile("a.md", HANDBOOK_MD);
    await uploadAndIngest(master, "sales", [{ name: "p.md", content: PRICING_MD }]);
    const salesStore = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "sales" } });
    const error = await rejectionOf<AppError>(
      uploadFiles(master, "support", { files: [await staged()], fields: { vector_store_id: salesStore.id } }),
    );
    expect(error.code).toBe("NOT_FOUND");
    const none = await rejectionOf<AppError>(uploadFiles(master, "support", { files: [], fields: {} }));
    expect(none.code).toBe("INVALID_INPUT");
  });

  test("concurrent uploads to one store lose nothing", async () => {
    const uploads = await Promise.all(
      Array.from({ length: 6 }, async (_, i) =>
        uploadFiles(master, "support", {
          files: [
            await stageFile(
              `doc-${i}.md`,
              `# Doc ${i}\n\nThe secret number of document ${i} is ${i * 7919}.`,
            ),
          ],
          fields: {},
        }),
      ),
    );
    await runIngestionUntilIdle();
    expect(await getDb().vectorStore.count({ where: { assistantId: "support" } })).toBe(1);
    const listed = await listFiles(master, "support", { limit: 100 });
    expect(listed.total).toBe(6);
    expect(listed.data.every((file) => file.status === "completed")).toBe(true);
    for (const [file] of uploads) expect(await vectorCount(file!.id)).toBeGreaterThan(0);
  });
});

describe("failures during ingestion", () => {
  test("a corrupt PDF ends failed with the reason; the upload itself succeeded", async () => {
    const [file] = await uploadAndIngest(master, "support", [
      { name: "broken.pdf", content: "%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a real pdf" },
    ]);
    const failed = await getFile(master, "support", file!.id);
    expect(failed.status).toBe("failed");
    expect(failed.error?.code).toMatch(/corrupt|empty/);
    expect(failed.error?.message.length).toBeGreaterThan(5);
    expect(await vectorCount(file!.id)).toBe(0);
  });
});

describe("listing and access", () => {
  test("lists newest first with filters; a viewer reads, a runtime key reads only its assistants", async () => {
    await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    await uploadAndIngest(master, "support", [{ name: "pricing.md", content: PRICING_MD }]);
    const viewer = await createUserActor("viewer");
    const page = await listFiles(viewer, "support", { limit: 1 });
    expect(page).toMatchObject({ total: 2, data: [{ filename: "pricing.md" }] });
    const next = await listFiles(viewer, "support", { limit: 1, cursor: page.next_cursor! });
    expect(next.data[0]?.filename).toBe("handbook.md");
    expect(
      (await listFiles(keyActor("runtime", ["support"]), "support", { limit: 5, status: "completed" })).total,
    ).toBe(2);
    expect((await listFiles(master, "support", { limit: 5, status: "failed" })).total).toBe(0);

    const forbidden = await rejectionOf<AppError>(
      listFiles(keyActor("runtime", ["sales"]), "support", { limit: 5 }),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    const viewerUpload = await rejectionOf<AppError>(
      uploadFiles(viewer, "support", { files: [await stageFile("x.md", "# x\n\ny")], fields: {} }),
    );
    expect(viewerUpload.code).toBe("FORBIDDEN");
    const runtimeDelete = await rejectionOf<AppError>(
      deleteFile(keyActor("runtime", ["support"]), "support", page.data[0]!.id),
    );
    expect(runtimeDelete.code).toBe("FORBIDDEN");
  });

  test("unknown assistants and files are NOT_FOUND, also across assistants", async () => {
    const [file] = await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect((await rejectionOf<AppError>(listFiles(master, "nobody", { limit: 5 }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf<AppError>(getFile(master, "sales", file!.id))).code).toBe("NOT_FOUND");
    expect((await rejectionOf<AppError>(deleteFile(master, "sales", file!.id))).code).toBe("NOT_FOUND");
  });
});

describe("deleting", () => {
  test("shared bytes are stored once and removed with the last file; vectors go with each file", async () => {
    const [first] = await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    const [second] = await uploadAndIngest(master, "sales", [{ name: "copy.md", content: HANDBOOK_MD }]);
    expect(await storedBlobs()).toHaveLength(1);

    await deleteFile(master, "support", first!.id);
    expect(await vectorCount(first!.id)).toBe(0);
    expect(await storedBlobs()).toHaveLength(1);
    expect(await vectorCount(second!.id)).toBeGreaterThan(0);

    await deleteFile(master, "sales", second!.id);
    expect(await storedBlobs()).toEqual([]);
    expect(await vectorCount(second!.id)).toBe(0);
    expect(await getDb().vectorStoreFile.count()).toBe(0);
    expect((await rejectionOf<AppError>(deleteFile(master, "sales", second!.id))).code).toBe("NOT_FOUND");
  });

  test("deleting an assistant removes its files' bytes and its tables", async () => {
    await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
    const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    await deleteAssistant(master, "support");
    expect(await storedBlobs()).toEqual([]);
    expect(await getIndex().countRows(storeTable(store))).toBe(0);
  });
});
