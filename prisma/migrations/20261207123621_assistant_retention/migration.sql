-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "retentionDays" INTEGER;

