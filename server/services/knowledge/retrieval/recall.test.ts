// Retrieval quality on a small realistic corpus (server/test/corpus: handbook, manuals, pricing,
// SLA, FAQ... of a fictional company) through the real pipeline: upload, parse, chunk, embed,
// index, search. Each question names the file and a short passage that answers it; recall@5 and
// MRR are printed, and recall@5 is held above a floor so that a change to parsing, chunking, the
// embedder or the index that makes answers harder to find fails here rather than in production.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { z } from "zod";
import { getDb } from "../../../db/client";
import { searchVectorStoreInputSchema } from "../../../schemas/knowledge";
import { master } from "../../../test/actors";
import { createChatAssistant } from "../../../test/chat";
import { uploadAndIngest } from "../../../test/knowledge";
import { searchVectorStore } from "../vector-stores/search-vector-store";

const CORPUS_DIR = fileURLToPath(new URL("../../../test/corpus", import.meta.url));
const TOP_K = 5;
/** A few points below the measured figure: catches regressions without being flaky. */
const RECALL_FLOOR = 0.9;

const questionsSchema = z.array(
  z.strictObject({ question: z.string().min(1), file: z.string().min(1), expect: z.string().min(1) }),
);

async function loadCorpus() {
  const names = (await readdir(CORPUS_DIR)).filter((name) => name !== "questions.json").sort();
  const files = await Promise.all(
    names.map(async (name) => ({ name, content: await readFile(path.join(CORPUS_DIR, name)) })),
  );
  const questions = questionsSchema.parse(
    JSON.parse(await readFile(path.join(CORPUS_DIR, "questions.json"), "utf8")),
  );
  return { files, questions };
}

test("recall@5 on the Northwind corpus stays above its floor", async () => {
  const { files, questions } = await loadCorpus();
  for (const question of questions) expect(files.map((file) => file.name)).toContain(question.file);

  await createChatAssistant("northwind");
  await uploadAndIngest(master, "northwind", files);
  const store = await getDb().vectorStore.findUniqueOrThrow({ where: { defaultFor: "northwind" } });
  const jobs = await getDb().vectorStoreFile.findMany({
    where: { vectorStoreId: store.id },
    select: { status: true, errorMessage: true, file: { select: { filename: true } } },
  });
  const unfinished = jobs.filter((job) => job.status !== "completed");
  expect(unfinished.map((job) => `${job.file.filename}: ${job.status} ${job.errorMessage ?? ""}`)).toEqual(
    [],
  );

  let hits = 0;
  let reciprocalRanks = 0;
  const misses: string[] = [];
  for (const { question, file, expect: passage } of questions) {
    const results = await searchVectorStore(
      master,
      "northwind",
      store.id,
      searchVectorStoreInputSchema.parse({ query: question, top_k: TOP_K }),
    );
    const rank = results.data.findIndex(
      (result) =>
        result.filename === file &&
        result.content.some((part) => part.text.toLowerCase().includes(passage.toLowerCase())),
    );
    if (rank >= 0) {
      hits += 1;
      reciprocalRanks += 1 / (rank + 1);
    } else {
      const got = results.data.map((result) => `${result.filename}#${result.chunk_index}`).join(", ");
      misses.push(`  "${question}" (want ${file}: "${passage}"; got ${got || "nothing"})`);
    }
  }

  const recall = hits / questions.length;
  const mrr = reciprocalRanks / questions.length;
  console.log(
    `recall@${TOP_K} = ${recall.toFixed(2)} (${hits}/${questions.length}), MRR = ${mrr.toFixed(2)}`,
  );
  if (misses.length > 0) console.log(`missed:\n${misses.join("\n")}`);
  expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
}, 120_000);
