-- CreateEnum
CREATE TYPE "UsagePeriod" AS ENUM ('minute', 'hour', 'day');

-- AlterTable
ALTER TABLE "Backend" ADD COLUMN     "priceInputPerMillion" DOUBLE PRECISION,
ADD COLUMN     "priceOutputPerMillion" DOUBLE PRECISION,
ADD COLUMN     "pricePerGpuHour" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "UsageRollup" (
    "period" "UsagePeriod" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "assistantId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "endUserId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "model" TEXT NOT NULL,
    "backendId" TEXT NOT NULL,
    "outcome" "MessageStatus" NOT NULL,
    "requests" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "reasoningTokens" BIGINT NOT NULL,
    "gpuMs" BIGINT NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("period","bucket","assistantId","apiKeyId","endUserId","channel","model","backendId","outcome")
);

