-- CreateEnum
CREATE TYPE "WidgetToolActivity" AS ENUM ('off', 'titles', 'summaries');

-- AlterEnum
ALTER TYPE "RagMode" ADD VALUE 'tool';

-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "toolMaxMs" INTEGER NOT NULL DEFAULT 60000,
ADD COLUMN     "toolMaxSteps" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "toolMaxTokens" INTEGER,
ADD COLUMN     "tools" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "toolRuns" JSONB;

-- AlterTable
ALTER TABLE "AssistantWidget" ADD COLUMN     "toolActivity" "WidgetToolActivity" NOT NULL DEFAULT 'titles';

