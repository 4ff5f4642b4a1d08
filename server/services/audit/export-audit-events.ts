// The audit log as a file (CSV or JSON) with the list's filters, every matching event, newest
// first. Rows are read in batches by keyset (time, then id) and produced as they come, so a large
// log is never held in memory whole, and rows pruned meanwhile cannot break the walk.
import { stringify } from "csv-stringify/sync";
import { getDb, type AuditEvent, type Prisma } from "../../db/client";
import type { AuditEventDto, AuditFilters, AuditExportFormat } from "../../schemas/audit";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toAuditEventDto } from "./audit-event-dto";
import { auditWhere } from "./audit-filters";

const BATCH = 500;

export interface AuditExport {
  /** The file's text, in pieces, read lazily. */
  chunks: AsyncIterable<string>;
  contentType: string;
  filename: string;
}

const columns = [
  "id",
  "created_at",
  "actor",
  "actor_label",
  "action",
  "target_type",
  "target_id",
  "outcome",
  "client_address",
  "request_id",
  "changes",
] as const;

/** Spreadsheets run a cell that starts like a formula: an e-mail typed at sign-in could be one. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvRows(events: AuditEventDto[], header: boolean): string {
  return stringify(
    events.map((event) =>
      columns.map((column) =>
        neutralizeFormula(column === "changes" ? JSON.stringify(event.changes) : (event[column] ?? "")),
      ),
    ),
    { header, columns: [...columns] },
  );
}

async function* batches(where: Prisma.AuditEventWhereInput): AsyncGenerator<AuditEventDto[]> {
  const db = getDb();
  let last: Pick<AuditEvent, "createdAt" | "id"> | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: last
        ? {
            AND: [
              where,
              {
                OR: [
                  { createdAt: { lt: last.createdAt } },
                  { createdAt: last.createdAt, id: { lt: last.id } },
                ],
              },
            ],
          }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BATCH,
    });
    if (rows.length > 0) yield rows.map(toAuditEventDto);
    if (rows.length < BATCH) return;
    last = rows.at(-1);
  }
}

async function* csvChunks(where: Prisma.AuditEventWhereInput): AsyncGenerator<string> {
  let header = true;
  for await (const events of batches(where)) {
    yield csvRows(events, header);
    header = false;
  }
  if (header) yield csvRows([], true);
}

async function* jsonChunks(where: Prisma.AuditEventWhereInput): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const events of batches(where)) {
    for (const event of events) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(event)}`;
      first = false;
    }
  }
  yield "\n]\n";
}

/** Checks the caller at once (before any byte is sent); the rows are read as the file is. */
export function exportAuditEvents(
  actor: Actor,
  query: AuditFilters & { format: AuditExportFormat },
  now = new Date(),
): AuditExport {
  authorize(actor, "audit:read");
  const where = auditWhere(query);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return query.format === "json"
    ? { chunks: jsonChunks(where), contentType: "application/json", filename: `audit-${stamp}.json` }
    : { chunks: csvChunks(where), contentType: "text/csv; charset=utf-8", filename: `audit-${stamp}.csv` };
}
