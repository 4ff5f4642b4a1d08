-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "fallbackModels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Backend" ADD COLUMN     "draining" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "probeGeneration" BOOLEAN NOT NULL DEFAULT false;
