-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

