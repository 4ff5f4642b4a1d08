-- AlterTable
ALTER TABLE "AssistantWidget" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

-- CreateTable
CREATE TABLE "WidgetRefusedOrigin" (
    "assistantId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WidgetRefusedOrigin_pkey" PRIMARY KEY ("assistantId","origin")
);

-- CreateIndex
CREATE INDEX "WidgetRefusedOrigin_assistantId_lastSeenAt_idx" ON "WidgetRefusedOrigin"("assistantId", "lastSeenAt");

-- AddForeignKey
ALTER TABLE "WidgetRefusedOrigin" ADD CONSTRAINT "WidgetRefusedOrigin_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

