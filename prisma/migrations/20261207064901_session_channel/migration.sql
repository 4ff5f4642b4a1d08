-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('api', 'openai', 'widget', 'playground', 'loadtest');

-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN     "channel" "Channel" NOT NULL DEFAULT 'api';

-- CreateIndex
CREATE INDEX "ChatSession_assistantId_channel_createdAt_idx" ON "ChatSession"("assistantId", "channel", "createdAt");


-- Sessions recorded before the column: the widget and load tests marked themselves in metadata.
UPDATE "ChatSession" SET "channel" = 'widget' WHERE metadata->>'channel' = 'widget';
UPDATE "ChatSession" SET "channel" = 'loadtest' WHERE metadata->>'channel' = 'loadtest';
