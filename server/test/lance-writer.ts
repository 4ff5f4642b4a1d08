// One writer process for the concurrent-writers test (concurrent-writers.test.ts): configured by
// the environment as a replica would be (DATABASE_URL, HEARTH_LANCEDB_URI=s3://..., AWS_*), it
// writes ROUNDS files of CHUNKS chunks into one table through the knowledge feature's own index,
// deleting every third file again, then prints what it left. Run with tsx.
import { getIndex } from "../services/knowledge/knowledge-adapters";
import { closeDb } from "../db/client";

const table = process.argv[2] ?? "";
const writer = process.argv[3] ?? "w";
const ROUNDS = 12;
const CHUNKS = 8;
const DIMENSION = 8;

function vector(seed: number): Float32Array {
  const values = Float32Array.from({ length: DIMENSION }, (_, i) => Math.sin(seed * 31 + i) + 1.5);
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
}

const index = getIndex();
await index.ensureTable(table, DIMENSION);
let kept = 0;
for (let round = 0; round < ROUNDS; round++) {
  const fileId = `${writer}-file-${round}`;
  await index.addChunks(
    table,
    Array.from({ length: CHUNKS }, (_, chunk) => ({
      id: `${fileId}-${chunk}`,
      fileId,
      chunkIndex: chunk,
      text: `writer ${writer} round ${round} chunk ${chunk}`,
      vector: vector(round * CHUNKS + chunk),
    })),
  );
  if (round % 3 === 2) await index.deleteFile(table, fileId);
  else kept += CHUNKS;
}
index.close();
await closeDb();
console.log(JSON.stringify({ writer, kept }));
