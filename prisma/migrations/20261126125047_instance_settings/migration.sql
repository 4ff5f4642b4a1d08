-- CreateTable
CREATE TABLE "InstanceSetting" (
    "id" TEXT NOT NULL DEFAULT 'instance',
    "publicBaseUrl" TEXT,
    "defaultModel" TEXT,
    "defaultSlaAvgMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstanceSetting_pkey" PRIMARY KEY ("id")
);

