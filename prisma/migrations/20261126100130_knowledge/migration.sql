-- CreateEnum
CREATE TYPE "IngestionStatus" AS ENUM ('in_progress', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "IngestionStage" AS ENUM ('queued', 'parsing', 'chunking', 'embedding', 'indexing', 'done');

-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "ragRefusalMessage" TEXT NOT NULL DEFAULT 'I can only answer from my knowledge files, and they contain nothing relevant to this question.';

-- CreateTable
CREATE TABLE "KnowledgeFile" (
    "id" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VectorStore" (
    "id" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "defaultFor" TEXT,
    "chunkMaxTokens" INTEGER,
    "chunkOverlapTokens" INTEGER,
    "embeddingKey" TEXT NOT NULL,
    "embeddingDimension" INTEGER NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "expiresAfterDays" INTEGER,
    "expiresAt" TIMESTAMP(3),
    "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VectorStore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VectorStoreFile" (
    "id" TEXT NOT NULL,
    "vectorStoreId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "status" "IngestionStatus" NOT NULL DEFAULT 'in_progress',
    "stage" "IngestionStage" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "chunkCount" INTEGER NOT NULL DEFAULT 0,
    "usageBytes" INTEGER NOT NULL DEFAULT 0,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VectorStoreFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnowledgeFile_assistantId_createdAt_idx" ON "KnowledgeFile"("assistantId", "createdAt");

-- CreateIndex
CREATE INDEX "KnowledgeFile_sha256_idx" ON "KnowledgeFile"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "VectorStore_defaultFor_key" ON "VectorStore"("defaultFor");

-- CreateIndex
CREATE INDEX "VectorStore_assistantId_createdAt_idx" ON "VectorStore"("assistantId", "createdAt");

-- CreateIndex
CREATE INDEX "VectorStoreFile_fileId_idx" ON "VectorStoreFile"("fileId");

-- CreateIndex
CREATE INDEX "VectorStoreFile_assistantId_idx" ON "VectorStoreFile"("assistantId");

-- CreateIndex
CREATE INDEX "VectorStoreFile_status_lockedUntil_idx" ON "VectorStoreFile"("status", "lockedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "VectorStoreFile_vectorStoreId_fileId_key" ON "VectorStoreFile"("vectorStoreId", "fileId");

-- AddForeignKey
ALTER TABLE "KnowledgeFile" ADD CONSTRAINT "KnowledgeFile_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VectorStore" ADD CONSTRAINT "VectorStore_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VectorStoreFile" ADD CONSTRAINT "VectorStoreFile_vectorStoreId_fkey" FOREIGN KEY ("vectorStoreId") REFERENCES "VectorStore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VectorStoreFile" ADD CONSTRAINT "VectorStoreFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "KnowledgeFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

