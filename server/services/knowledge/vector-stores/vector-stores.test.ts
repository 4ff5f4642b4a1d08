// Vector stores through the real services: creation with files and chunking strategies, counts
// and usage, adding and removing files, search with filters and thresholds, expiry, re-indexing,
// deletion, and who may do what.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../../db/client";
import type { AppError } from "../../../errors";
import { createVectorStoreInputSchema, searchVectorStoreInputSchema } from "../../../schemas/knowledge";
import { createUserActor, keyActor, master } from "../../../test/actors";
import { createChatAssistant } from "../../../test/chat";
import { HANDBOOK_MD, PRICING_MD, uploadAndIngest } from "../../../test/knowledge";
import { rejectionOf } from "../../../test/rejection";
import { runIngestionUntilIdle } from "../ingestion/ingestion-worker";
import { getIndex, storeTable } from "../knowledge-adapters";
import { addVectorStoreFile } from "./add-vector-store-file";
import { createVectorStore } from "./create-vector-store";
import { deleteVectorStore } from "./delete-vector-store";
import { getVectorStore } from "./get-vector-store";
import { listVectorStoreFiles } from "./list-vector-store-files";
import { listVectorStores } from "./list-vector-stores";
import { reindexVectorStore } from "./reindex-vector-store";
import { removeVectorStoreFile } from "./remove-vector-store-file";
import { searchVectorStore } from "./search-vector-store";
import { updateVectorStore } from "./update-vector-store";

const create = (input: Record<string, unknown> = {}) =>
  createVectorStore(master, "support", createVectorStoreInputSchema.parse(input));
const search = (storeId: string, input: Record<string, unknown>) =>
  searchVectorStore(master, "support", storeId, searchVectorStoreInputSchema.parse(input));

let handbookId: string;
let pricingId: string;

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
  const files = await uploadAndIngest(master, "support", [
    { name: "handbook.md", content: HANDBOOK_MD },
    { name: "pricing.md", content: PRICING_MD },
  ]);
  [handbookId, pricingId] = files.map((file) => file.id) as [string, string];
});

describe("creating and reading", () => {
  test("a store with files ingests them and reports counts, usage and its embedder", async () => {
    const store = await create({ name: "HR", file_ids: [handbookId], metadata: { team: "hr" } });
    expect(store).toMatchObject({
      name: "HR",
      is_default: false,
      status: "in_progress",
      file_counts: { in_progress: 1, total: 1 },
      chunking_strategy: { type: "auto" },
      metadata: { team: "hr" },
    });
    expect(store.embedding.provider).toBe("hash");
    await runIngestionUntilIdle();
    const done = await getVectorStore(master, "support", store.id);
    expect(done).toMatchObject({ status: "completed", file_counts: { completed: 1, total: 1 } });
    expect(done.usage_bytes).toBeGreaterThan(100);
    const listed = await listVectorStores(master, "support", { limit: 10 });
    expect(listed.data.map((item) => item.name).sort()).toEqual(["Default", "HR"]);
  });

  test("static chunking is validated: overlap at most half, size 100-4096", () => {
    expect(
      createVectorStoreInputSchema.safeParse({
        chunking_strategy: {
          type: "static",
          static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 101 },
        },
      }).success,
    ).toBe(false);
    expect(
      createVectorStoreInputSchema.safeParse({
        chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 50, chunk_overlap_tokens: 0 } },
      }).success,
    ).toBe(false);
  });

  test("a static strategy gives smaller chunks than auto", async () => {
    const sentences = Array.from(
      { length: 120 },
      (_, i) => `Rule ${i}: robots must be inspected every ${i + 2} days.`,
    );
    const [long] = await uploadAndIngest(master, "support", [
      { name: "rules.md", content: `# Rules\n\n${sentences.join(" ")}` },
    ]);
    handbookId = long!.id;
    const small = await create({
      file_ids: [handbookId],
      chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } },
    });
    await runIngestionUntilIdle();
    const files = await listVectorStoreFiles(master, "support", small.id, { limit: 10 });
    const defaultStore = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    const inDefault = await listVectorStoreFiles(master, "support", defaultStore.id, { limit: 10 });
    const chunksIn = (list: typeof files, id: string) =>
      list.data.find((file) => file.id === id)!.chunk_count;
    expect(chunksIn(files, handbookId)).toBeGreaterThan(chunksIn(inDefault, handbookId));
  });

  test("files of another assistant cannot be put in a store", async () => {
    const [foreign] = await uploadAndIngest(master, "sales", [
      { name: "x.md", content: "# X\n\nsales only" },
    ]);
    expect((await rejectionOf<AppError>(create({ file_ids: [foreign!.id] }))).code).toBe("INVALID_INPUT");
    const store = await create();
    const error = await rejectionOf<AppError>(
      addVectorStoreFile(master, "support", store.id, { file_id: foreign!.id, attributes: {} }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("files of a store", () => {
  test("adding twice conflicts; removing takes its vectors but keeps the file", async () => {
    const store = await create();
    await addVectorStoreFile(master, "support", store.id, { file_id: pricingId, attributes: { lang: "en" } });
    expect(
      (
        await rejectionOf<AppError>(
          addVectorStoreFile(master, "support", store.id, { file_id: pricingId, attributes: {} }),
        )
      ).code,
    ).toBe("CONFLICT");
    await runIngestionUntilIdle();
    const row = await getDb().vectorStore.findUniqueOrThrow({ where: { id: store.id } });
    expect(await getIndex().countRows(storeTable(row), pricingId)).toBeGreaterThan(0);

    await removeVectorStoreFile(master, "support", store.id, pricingId);
    expect(await getIndex().countRows(storeTable(row), pricingId)).toBe(0);
    expect(await getDb().knowledgeFile.count({ where: { id: pricingId } })).toBe(1);
    expect(
      (await rejectionOf<AppError>(removeVectorStoreFile(master, "support", store.id, pricingId))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("search", () => {
  test("finds the passage, with scores in 0-1, names and filters", async () => {
    const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    const result = await search(store.id, { query: "discount for non-profit organisations" });
    expect(result.object).toBe("vector_store.search_results.page");
    expect(result.data[0]).toMatchObject({ file_id: pricingId, filename: "pricing.md" });
    expect(result.data[0]?.content[0]?.text).toContain("40 percent");
    for (const hit of result.data) {
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
    const filtered = await search(store.id, {
      query: "discount for non-profit organisations",
      filters: { file_ids: [handbookId] },
    });
    expect(filtered.data.every((hit) => hit.file_id === handbookId)).toBe(true);
    const keyword = await search(store.id, { query: "XJ-9000", mode: "fulltext" });
    expect(keyword.data[0]?.file_id).toBe(handbookId);
    const strict = await search(store.id, {
      query: "discount for non-profit organisations",
      score_threshold: 0.5,
    });
    expect(strict.data.length).toBeLessThan(result.data.length);
    expect(strict.data.every((hit) => hit.score >= 0.5)).toBe(true);
  });

  test("filters on file attributes", async () => {
    const store = await create();
    await addVectorStoreFile(master, "support", store.id, {
      file_id: handbookId,
      attributes: { team: "hr" },
    });
    await addVectorStoreFile(master, "support", store.id, {
      file_id: pricingId,
      attributes: { team: "sales" },
    });
    await runIngestionUntilIdle();
    const result = await search(store.id, {
      query: "plan price holiday",
      filters: { attributes: { team: "sales" } },
    });
    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((hit) => hit.file_id === pricingId && hit.attributes.team === "sales")).toBe(
      true,
    );
  });

  test("an expired store reports it and refuses searches", async () => {
    const store = await create({ expires_after: { anchor: "last_active_at", days: 1 } });
    await getDb().vectorStore.update({
      where: { id: store.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await getVectorStore(master, "support", store.id)).status).toBe("expired");
    expect((await rejectionOf<AppError>(search(store.id, { query: "holiday" }))).code).toBe("CONFLICT");
    const renewed = await updateVectorStore(master, "support", store.id, { expires_after: null });
    expect(renewed).toMatchObject({ status: "completed", expires_at: null });
  });
});

describe("re-indexing and deleting", () => {
  test("re-indexing a store starts a new generation and drops the old table", async () => {
    const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    const reindexed = await reindexVectorStore(master, "support", store.id, {});
    expect(reindexed.file_counts.in_progress).toBe(2);
    await runIngestionUntilIdle();
    const next = await getDb().vectorStore.findUniqueOrThrow({ where: { id: store.id } });
    expect(next.generation).toBe(store.generation + 1);
    expect(await getIndex().countRows(storeTable(store))).toBe(0);
    expect(await getIndex().countRows(storeTable(next))).toBeGreaterThan(0);
    expect(
      (
        await rejectionOf<AppError>(
          reindexVectorStore(master, "support", store.id, { file_ids: ["file_000000000000000000000000"] }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
  });

  test("deleting a store drops its vectors and keeps the files", async () => {
    const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    await deleteVectorStore(master, "support", store.id);
    expect(await getIndex().countRows(storeTable(store))).toBe(0);
    expect(await getDb().knowledgeFile.count({ where: { assistantId: "support" } })).toBe(2);
    expect((await rejectionOf<AppError>(getVectorStore(master, "support", store.id))).code).toBe("NOT_FOUND");
  });

  test("viewers and runtime keys read and search but change nothing", async () => {
    const viewer = await createUserActor("viewer");
    const runtime = keyActor("runtime", ["support"]);
    const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "support" } });
    expect((await listVectorStores(viewer, "support", { limit: 5 })).total).toBe(1);
    expect(
      (
        await searchVectorStore(
          runtime,
          "support",
          store.id,
          searchVectorStoreInputSchema.parse({ query: "holiday" }),
        )
      ).data.length,
    ).toBeGreaterThan(0);
    for (const actor of [viewer, runtime]) {
      expect(
        (
          await rejectionOf<AppError>(
            createVectorStore(actor, "support", createVectorStoreInputSchema.parse({})),
          )
        ).code,
      ).toBe("FORBIDDEN");
      expect((await rejectionOf<AppError>(deleteVectorStore(actor, "support", store.id))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect(
      (await rejectionOf<AppError>(getVectorStore(keyActor("runtime", ["sales"]), "support", store.id))).code,
    ).toBe("FORBIDDEN");
    expect((await rejectionOf<AppError>(getVectorStore(master, "sales", store.id))).code).toBe("NOT_FOUND");
  });
});
