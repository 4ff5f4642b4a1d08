-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "toolCalls" JSONB;

