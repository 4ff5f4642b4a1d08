-- CreateEnum
CREATE TYPE "WidgetSources" AS ENUM ('off', 'titles', 'passages');

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "errorDetail" TEXT;

-- AlterTable
ALTER TABLE "AssistantWidget" ADD COLUMN     "ratePerMinute" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "sources" "WidgetSources" NOT NULL DEFAULT 'off';

-- AlterTable
ALTER TABLE "InstanceSetting" ADD COLUMN     "auditRetentionDays" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN     "backendAllowedHosts" TEXT[] DEFAULT ARRAY['loopback', 'private']::TEXT[];

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL DEFAULT '',
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    "clientAddress" TEXT,
    "requestId" TEXT,
    "changes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_createdAt_idx" ON "AuditEvent"("targetType", "targetId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_createdAt_idx" ON "AuditEvent"("actor", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

