// The process-wide Prisma client, created lazily on first use, over a node-postgres pool through
// Prisma's driver adapter (no native query engine). DATABASE_URL is set either by the operator
// (a PostgreSQL server) or by the launcher, which serves the embedded PGlite database on loopback.
// The same pool serves the few statements on the per-question path as plain SQL (`getPool`).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { AppError } from "../errors";
import { PrismaClient } from "./generated/client";

export type Database = InstanceType<typeof PrismaClient>;

const globalForDb = globalThis as unknown as { hearthDb?: Database; hearthPool?: pg.Pool };

function createPool(): pg.Pool {
  if (!env.DATABASE_URL) {
    throw new AppError(
      "UNAVAILABLE",
      "No database is configured: start Hearth with `npm start` (embedded database) or set DATABASE_URL",
    );
  }
  // PGlite is one PostgreSQL session behind the socket: several connections would share (and
  // corrupt) each other's transactions and unnamed statements, so the embedded database gets one.
  const max = env.HEARTH_DB_EMBEDDED ? 1 : env.HEARTH_DB_POOL_SIZE;
  // For the same reason, named statements (named-statement.ts) outlive the connection that prepared
  // them there: a new connection drops them before it is used, or preparing one again would fail
  // with "already exists".
  return new pg.Pool({
    connectionString: env.DATABASE_URL,
    max,
    ...(env.HEARTH_DB_EMBEDDED && {
      // pg-pool awaits this hook before it hands the connection out (@types/pg says `void`).
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onConnect: async (client: pg.ClientBase) => {
        await client.query("DEALLOCATE ALL");
      },
    }),
  });
}

/**
 * The connection pool under Prisma, for statements on the per-question path: Prisma's query
 * compiler costs milliseconds of CPU per statement, even for raw SQL (persist-exchange.ts).
 */
export function getPool(): pg.Pool {
  globalForDb.hearthPool ??= createPool();
  return globalForDb.hearthPool;
}

export function getDb(): Database {
  globalForDb.hearthDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForDb.hearthDb;
}

/** Closes the Prisma client and its pool (the next use opens new ones). */
export async function closeDb(): Promise<void> {
  const { hearthDb, hearthPool } = globalForDb;
  globalForDb.hearthDb = undefined;
  globalForDb.hearthPool = undefined;
  await hearthDb?.$disconnect();
  await hearthPool?.end();
}

/** Transaction client type, for services that compose inside `getDb().$transaction`. */
export type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

export { Prisma } from "./generated/client";
export type {
  AlertDelivery,
  AlertDestination,
  AlertIncident,
  AlertRule,
  ApiKey,
  Assistant,
  AssistantWidget,
  AuditEvent,
  Backend,
  ChatSession,
  EndUser,
  InstanceSetting,
  KnowledgeFile,
  Message,
  MessageFeedback,
  User,
  VectorStore,
  VectorStoreFile,
} from "./generated/client";
