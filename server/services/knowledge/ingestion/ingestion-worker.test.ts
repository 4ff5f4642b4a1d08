// The ingestion worker at rest: it looks at the database only when a job may be due (a lease or a
// retry delay running out) or every IDLE_POLL_MS, and new work wakes it at once: an upload in this
// process, or (with a PostgreSQL server) another replica's notice.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { getDb, getPool } from "../../../db/client";
import { env } from "../../../env";
import { master } from "../../../test/actors";
import { createChatAssistant, waitFor } from "../../../test/chat";
import { HANDBOOK_MD, stageFile } from "../../../test/knowledge";
import { getFile } from "../files/get-file";
import { uploadFiles } from "../files/upload-files";
import { claimJob, nextJobDueInMs } from "./ingestion-jobs";
import { startIngestionWorker, stopIngestionWorker } from "./ingestion-worker";

async function upload() {
  const [file] = await uploadFiles(master, "support", {
    files: [await stageFile("handbook.md", HANDBOOK_MD)],
    fields: {},
  });
  return file!;
}

beforeEach(async () => {
  await createChatAssistant("support");
});

afterEach(async () => {
  await stopIngestionWorker();
});

describe("when a job is due", () => {
  test("none waiting: null; runnable: 0; held or retried later: the time until then", async () => {
    expect(await nextJobDueInMs()).toBeNull();
    await upload();
    expect(await nextJobDueInMs()).toBe(0);
    await claimJob("another-worker");
    const held = (await nextJobDueInMs())!;
    expect(held).toBeGreaterThan(25_000);
    expect(held).toBeLessThanOrEqual(30_000);
    await getDb().vectorStoreFile.updateMany({
      data: { lockedBy: null, lockedUntil: new Date(Date.now() + 5_000) },
    });
    const retried = (await nextJobDueInMs())!;
    expect(retried).toBeGreaterThan(3_000);
    expect(retried).toBeLessThanOrEqual(5_000);
  });
});

describe("the running worker", () => {
  test("an upload wakes it: the file is ingested long before the idle poll", async () => {
    await startIngestionWorker();
    // Let its loops look, find nothing and go to sleep for the whole idle poll.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedAt = Date.now();
    const file = await upload();
    await waitFor(async () => (await getFile(master, "support", file.id)).status === "completed", 10_000);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });

  test("a job whose retry delay runs out is taken when it is due, without a wake", async () => {
    const file = await upload();
    await getDb().vectorStoreFile.updateMany({ data: { lockedUntil: new Date(Date.now() + 1_500) } });
    await startIngestionWorker();
    await waitFor(async () => (await getFile(master, "support", file.id)).status === "completed", 10_000);
  });

  test.runIf(!env.HEARTH_DB_EMBEDDED)(
    "with a PostgreSQL server, another replica's notice wakes it",
    async () => {
      // Stands for an upload on another replica: the job is there, and nothing in this process
      // wakes the worker (it was not running), which sleeps the whole idle poll after a first look.
      const file = await upload();
      await getDb().vectorStoreFile.updateMany({ data: { lockedUntil: new Date(Date.now() + 60_000) } });
      await startIngestionWorker({ shared: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await getDb().vectorStoreFile.updateMany({ data: { lockedUntil: null } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await getFile(master, "support", file.id)).status).toBe("in_progress");
      // ...and its notice is what brings this one to it.
      await getPool().query("SELECT pg_notify('hearth_ingestion', '')");
      await waitFor(async () => (await getFile(master, "support", file.id)).status === "completed", 10_000);
    },
  );
});
