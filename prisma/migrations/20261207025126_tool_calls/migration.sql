-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "toolCalls" JSONB,
ADD COLUMN     "toolResults" JSONB;

