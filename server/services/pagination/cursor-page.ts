// Cursor pagination shared by every list: newest first, `limit` rows a page, the cursor being the
// id of the last row of the previous page. Fetching one row more than the page tells whether
// another page follows without a second query.
import { AppError } from "../../errors";

export interface Page<T> {
  object: "list";
  data: T[];
  total: number;
  next_cursor: string | null;
}

export interface PageQuery {
  limit: number;
  cursor?: string;
}

export async function cursorPage<Row extends { id: string }, T>(options: {
  query: PageQuery;
  /** What the list holds, for the error on a cursor that matches nothing ("assistant"). */
  noun: string;
  cursorExists: (id: string) => Promise<boolean>;
  findMany: (window: { take: number; cursor?: { id: string }; skip?: number }) => Promise<Row[]>;
  count: () => Promise<number>;
  toDto: (row: Row) => T;
}): Promise<Page<T>> {
  const { query } = options;
  if (query.cursor && !(await options.cursorExists(query.cursor))) {
    throw new AppError("INVALID_INPUT", `cursor does not match any ${options.noun}; start again without it`);
  }
  const [rows, total] = await Promise.all([
    options.findMany({
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    }),
    options.count(),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    object: "list",
    data: page.map(options.toDto),
    total,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
