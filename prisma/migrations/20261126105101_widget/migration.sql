-- CreateEnum
CREATE TYPE "WidgetPosition" AS ENUM ('bottom_right', 'bottom_left');

-- CreateTable
CREATE TABLE "AssistantWidget" (
    "assistantId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "allowedOrigins" TEXT[],
    "title" TEXT NOT NULL DEFAULT '',
    "greeting" TEXT NOT NULL DEFAULT '',
    "primaryColor" TEXT NOT NULL DEFAULT '#b45309',
    "position" "WidgetPosition" NOT NULL DEFAULT 'bottom_right',
    "ratePerMinutePerIp" INTEGER NOT NULL DEFAULT 20,
    "ratePerMinutePerSession" INTEGER NOT NULL DEFAULT 10,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssistantWidget_pkey" PRIMARY KEY ("assistantId")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" BIGINT NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("scope","key")
);

-- AddForeignKey
ALTER TABLE "AssistantWidget" ADD CONSTRAINT "AssistantWidget_assistantId_fkey" FOREIGN KEY ("assistantId") REFERENCES "Assistant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

