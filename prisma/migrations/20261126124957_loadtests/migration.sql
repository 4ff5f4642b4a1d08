-- CreateEnum
CREATE TYPE "LoadTestStatus" AS ENUM ('queued', 'running', 'completed', 'stopped', 'failed', 'interrupted');

-- CreateTable
CREATE TABLE "LoadTestRun" (
    "id" TEXT NOT NULL,
    "assistantId" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "status" "LoadTestStatus" NOT NULL DEFAULT 'queued',
    "scenario" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "stopRequestedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "error" TEXT,
    "servedBy" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoadTestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoadTestLevel" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "users" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "result" JSONB,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoadTestLevel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoadTestRun_assistantId_createdAt_idx" ON "LoadTestRun"("assistantId", "createdAt");

-- CreateIndex
CREATE INDEX "LoadTestRun_status_idx" ON "LoadTestRun"("status");

-- CreateIndex
CREATE INDEX "LoadTestRun_createdAt_idx" ON "LoadTestRun"("createdAt");

-- CreateIndex
CREATE INDEX "LoadTestLevel_runId_idx" ON "LoadTestLevel"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "LoadTestLevel_runId_position_key" ON "LoadTestLevel"("runId", "position");

-- AddForeignKey
ALTER TABLE "LoadTestLevel" ADD CONSTRAINT "LoadTestLevel_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LoadTestRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

