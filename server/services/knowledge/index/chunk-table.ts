// The shape of a vector store's table, and the conversion of chunks into Arrow record batches.
// Columns: the chunk (`id`, `file_id`, `chunk_index`, `text`, `heading`, `page`), the file's
// attributes twice (`attributes` as JSON to return them whole, `attribute_terms` as exact-match
// terms to filter on, see build-filter.ts) and the unit-length `vector`, a fixed-size float32 list
// whose size is the store's embedding dimension. Batches are built column by column from one
// Float32Array, much cheaper than letting LanceDB infer a schema from an array of objects.
import {
  Field,
  FixedSizeList,
  Float32,
  Int32,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table as ArrowTable,
  Utf8,
  vectorFromArray,
  DataType,
  type Data,
} from "apache-arrow";
import { AppError } from "../../../errors";
import { attributeTerms } from "./build-filter";

export interface ChunkRow {
  /** The chunk's id, unique in its table. */
  id: string;
  fileId: string;
  chunkIndex: number;
  text: string;
  heading?: string | null;
  page?: number | null;
  /** The file's attributes (copied onto each of its chunks, for filtering). */
  attributes?: Record<string, unknown> | null;
  /** Unit length, of the table's dimension. */
  vector: Float32Array;
}

/** LanceDB's own rule for table names (a bad one panics inside the native module). */
const TABLE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;

export function assertTableName(name: string): void {
  if (!TABLE_NAME.test(name)) {
    throw new AppError(
      "INVALID_INPUT",
      `Invalid vector table name '${name}': use letters, digits, _ - and .`,
    );
  }
}

export function chunkSchema(dimension: number): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("file_id", new Utf8(), false),
    new Field("chunk_index", new Int32(), false),
    new Field("text", new Utf8(), false),
    new Field("heading", new Utf8(), true),
    new Field("page", new Int32(), true),
    new Field("attributes", new Utf8(), false),
    new Field("attribute_terms", new List(new Field("item", new Utf8(), true)), false),
    new Field("vector", new FixedSizeList(dimension, new Field("item", new Float32(), true)), false),
  ]);
}

/** The vector dimension of an existing table, read from its schema. */
export function vectorDimension(schema: Schema): number {
  // By type id, not instanceof: LanceDB (CommonJS) may hold another copy of the Arrow module.
  const type: unknown = schema.fields.find((field) => field.name === "vector")?.type;
  if (!DataType.isFixedSizeList(type)) throw new Error("The table has no fixed-size vector column");
  return type.listSize;
}

export function toArrowTable(rows: readonly ChunkRow[], dimension: number): ArrowTable {
  const schema = chunkSchema(dimension);
  const flat = new Float32Array(rows.length * dimension);
  rows.forEach((row, index) => {
    if (row.vector.length !== dimension) {
      throw new AppError(
        "INVALID_INPUT",
        `Chunk ${row.id} has a vector of ${row.vector.length} dimensions; the table's is ${dimension}`,
      );
    }
    flat.set(row.vector, index * dimension);
  });
  const fields = schema.fields;
  const columns: unknown[][] = [
    rows.map((row) => row.id),
    rows.map((row) => row.fileId),
    rows.map((row) => row.chunkIndex),
    rows.map((row) => row.text),
    rows.map((row) => row.heading ?? null),
    rows.map((row) => row.page ?? null),
    rows.map((row) => JSON.stringify(row.attributes ?? {})),
    rows.map((row) => attributeTerms(row.attributes)),
  ];
  const children: Data<DataType>[] = columns.map(
    (values, i) => vectorFromArray(values, fields[i]!.type as DataType).data[0]!,
  );
  const vectors = makeData({ type: new Float32(), length: flat.length, data: flat });
  const vectorType = fields[columns.length]!.type as FixedSizeList<Float32>;
  children.push(makeData({ type: vectorType, length: rows.length, nullCount: 0, child: vectors }));
  const data = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  return new ArrowTable(schema, [new RecordBatch(schema, data)]);
}
