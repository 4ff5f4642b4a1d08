// The process-wide Prisma client, created lazily on first use, over node-postgres through
// Prisma's driver adapter (no native query engine). DATABASE_URL is set either by the operator
// (a PostgreSQL server) or by the launcher, which serves the embedded PGlite database on loopback.
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { AppError } from "../errors";
import { PrismaClient } from "./generated/client";

export type Database = InstanceType<typeof PrismaClient>;

const globalForDb = globalThis as unknown as { hearthDb?: Database };

function createClient(): Database {
  if (!env.DATABASE_URL) {
    throw new AppError(
      "UNAVAILABLE",
      "No database is configured: start Hearth with `npm start` (embedded database) or set DATABASE_URL",
    );
  }
  // PGlite is one PostgreSQL session behind the socket: several connections would share (and
  // corrupt) each other's transactions and unnamed statements, so the embedded database gets one.
  const max = env.HEARTH_DB_EMBEDDED ? 1 : env.HEARTH_DB_POOL_SIZE;
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max });
  return new PrismaClient({ adapter });
}

export function getDb(): Database {
  globalForDb.hearthDb ??= createClient();
  return globalForDb.hearthDb;
}

/** Transaction client type, for services that compose inside `getDb().$transaction`. */
export type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

export { Prisma } from "./generated/client";
export type {
  ApiKey,
  Assistant,
  AssistantWidget,
  Backend,
  ChatSession,
  EndUser,
  InstanceSetting,
  KnowledgeFile,
  Message,
  User,
  VectorStore,
  VectorStoreFile,
} from "./generated/client";
