-- CreateEnum
CREATE TYPE "SlaControl" AS ENUM ('off', 'degrade', 'shed');

-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "slaControl" "SlaControl" NOT NULL DEFAULT 'off',
ADD COLUMN     "slaDegradation" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "sla" JSONB;

