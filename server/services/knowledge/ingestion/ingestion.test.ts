// The durable ingestion queue: a job whose worker died resumes once its lease runs out, a job
// whose file is deleted mid-way leaves no vectors, failures are retried and then recorded, a file
// too heavy to read fails alone, and a change of embedder re-indexes stores instead of mixing
// vectors.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../../db/client";
import { env } from "../../../env";
import { master } from "../../../test/actors";
import { createChatAssistant } from "../../../test/chat";
import { makeLongDocx } from "../../../test/document-fixtures";
import { HANDBOOK_MD, stageFile } from "../../../test/knowledge";
import { deleteFile } from "../files/delete-file";
import { getFile } from "../files/get-file";
import { uploadFiles } from "../files/upload-files";
import { getIndex, storeTable } from "../knowledge-adapters";
import { reindexStoresOfOtherEmbedders } from "../vector-stores/reindex-vector-store";
import { ingestFile } from "./ingest-file";
import { claimJob } from "./ingestion-jobs";
import { runIngestionUntilIdle } from "./ingestion-worker";

async function upload(name = "handbook.md", content = HANDBOOK_MD) {
  const [file] = await uploadFiles(master, "support", {
    files: [await stageFile(name, content)],
    fields: {},
  });
  return file!;
}

beforeEach(async () => {
  await createChatAssistant("support");
});

describe("resuming", () => {
  test("a job claimed by a worker that died is taken over when its lease ends", async () => {
    const file = await upload();
    const dead = await claimJob("worker-that-died");
    expect(dead).not.toBeNull();
    // While the lease holds, nobody else takes it.
    expect(await claimJob("other-worker")).toBeNull();
    await runIngestionUntilIdle();
    expect((await getFile(master, "support", file.id)).status).toBe("in_progress");

    await getDb().vectorStoreFile.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } });
    await runIngestionUntilIdle();
    const done = await getFile(master, "support", file.id);
    expect(done.status).toBe("completed");
    const job = await getDb().vectorStoreFile.findFirstOrThrow({ where: { fileId: file.id } });
    expect(job.attempts).toBe(2);
  });

  test("a re-run does not duplicate the vectors an earlier run wrote", async () => {
    const file = await upload();
    await runIngestionUntilIdle();
    const store = await getDb().vectorStore.findFirstOrThrow();
    const before = await getIndex().countRows(storeTable(store), file.id);
    await getDb().vectorStoreFile.updateMany({ data: { status: "in_progress", stage: "queued" } });
    await runIngestionUntilIdle();
    expect(await getIndex().countRows(storeTable(store), file.id)).toBe(before);
  });
});

describe("a file deleted during its ingestion", () => {
  test("leaves no vectors behind", async () => {
    const file = await upload();
    const claimed = await claimJob("worker-1");
    await deleteFile(master, "support", file.id);
    await ingestFile(claimed!, "worker-1");
    for (const store of await getDb().vectorStore.findMany()) {
      expect(await getIndex().countRows(storeTable(store), file.id)).toBe(0);
    }
  });
});

describe("a file that needs more memory to read than the limit", () => {
  test("fails for good with the reason, and the server goes on ingesting", async () => {
    const configured = env.HEARTH_PARSE_MAX_MEMORY_MB;
    env.HEARTH_PARSE_MAX_MEMORY_MB = 256; // the smallest accepted, so the heavy file fails fast
    try {
      const [heavy, light] = await uploadFiles(master, "support", {
        files: [
          await stageFile("report.docx", makeLongDocx(6 * 1024 * 1024)),
          await stageFile("handbook.md", HANDBOOK_MD),
        ],
        fields: {},
      });
      await runIngestionUntilIdle();
      const failed = await getFile(master, "support", heavy!.id);
      expect(failed.status).toBe("failed");
      expect(failed.error?.code).toBe("too_complex");
      expect(failed.error?.message).toMatch(/more memory .* \(256 MB, set by HEARTH_PARSE_MAX_MEMORY_MB\)/);
      // A document's own failure is final: not retried.
      const job = await getDb().vectorStoreFile.findFirstOrThrow({ where: { fileId: heavy!.id } });
      expect(job.attempts).toBe(1);
      expect((await getFile(master, "support", light!.id)).status).toBe("completed");
    } finally {
      env.HEARTH_PARSE_MAX_MEMORY_MB = configured;
    }
  }, 120_000);
});

describe("an embedder change", () => {
  test("re-indexes the store into a new generation with the current embedder", async () => {
    const file = await upload();
    await runIngestionUntilIdle();
    const store = await getDb().vectorStore.findFirstOrThrow();
    await getDb().vectorStore.update({
      where: { id: store.id },
      data: { embeddingKey: "hash:old-embedder:64" },
    });

    expect(await reindexStoresOfOtherEmbedders()).toBe(1);
    const reindexed = await getDb().vectorStore.findFirstOrThrow();
    expect(reindexed.generation).toBe(store.generation + 1);
    expect(reindexed.embeddingKey).not.toBe("hash:old-embedder:64");
    expect((await getFile(master, "support", file.id)).status).toBe("in_progress");
    await runIngestionUntilIdle();
    expect((await getFile(master, "support", file.id)).status).toBe("completed");
    expect(await getIndex().countRows(storeTable(reindexed), file.id)).toBeGreaterThan(0);
    expect(await reindexStoresOfOtherEmbedders()).toBe(0);
  });
});
