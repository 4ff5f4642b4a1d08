-- CreateEnum
CREATE TYPE "EngineKind" AS ENUM ('openai_compatible', 'llama_cpp');

-- CreateEnum
CREATE TYPE "MessageRole" AS ENUM ('user', 'assistant');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('in_progress', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Backend" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EngineKind" NOT NULL,
    "baseUrl" TEXT,
    "modelPath" TEXT,
    "apiKeyEncrypted" TEXT,
    "apiKeyEnv" TEXT,
    "models" TEXT[],
    "maxConcurrency" INTEGER NOT NULL DEFAULT 16,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'admin',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Backend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndUser" (
    "id" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EndUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatSession" (
    "id" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "endUserId" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "lastMessageAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "role" "MessageRole" NOT NULL,
    "content" TEXT NOT NULL,
    "reasoning" TEXT,
    "status" "MessageStatus" NOT NULL DEFAULT 'completed',
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "citations" JSONB NOT NULL DEFAULT '[]',
    "rag" JSONB,
    "model" TEXT,
    "backendId" TEXT,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "queueMs" INTEGER,
    "ttftMs" INTEGER,
    "totalMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Backend_name_key" ON "Backend"("name");

-- CreateIndex
CREATE INDEX "EndUser_assistantId_lastSeenAt_idx" ON "EndUser"("assistantId", "lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "EndUser_assistantId_externalId_key" ON "EndUser"("assistantId", "externalId");

-- CreateIndex
CREATE INDEX "ChatSession_assistantId_createdAt_idx" ON "ChatSession"("assistantId", "createdAt");

-- CreateIndex
CREATE INDEX "ChatSession_endUserId_idx" ON "ChatSession"("endUserId");

-- CreateIndex
CREATE INDEX "Message_sessionId_createdAt_idx" ON "Message"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_assistantId_createdAt_idx" ON "Message"("assistantId", "createdAt");

-- AddForeignKey
ALTER TABLE "EndUser" ADD CONSTRAINT "EndUser_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatSession" ADD CONSTRAINT "ChatSession_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatSession" ADD CONSTRAINT "ChatSession_endUserId_fkey" FOREIGN KEY ("endUserId") REFERENCES "EndUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ChatSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

