-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "suggestedQuestions" TEXT[] DEFAULT ARRAY[]::TEXT[];

