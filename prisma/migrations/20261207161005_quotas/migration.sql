-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "quotas" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Assistant" ADD COLUMN     "endUserQuotas" JSONB NOT NULL DEFAULT '{}';

