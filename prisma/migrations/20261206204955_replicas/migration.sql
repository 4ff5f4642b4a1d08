-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "replicaId" TEXT;

-- CreateTable
CREATE TABLE "BackendSlot" (
    "backendId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "leaseId" TEXT,
    "replicaId" TEXT,
    "heldSince" TIMESTAMP(3),

    CONSTRAINT "BackendSlot_pkey" PRIMARY KEY ("backendId","slot")
);

-- CreateTable
CREATE TABLE "AdmissionWaiter" (
    "id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "replicaId" TEXT NOT NULL,
    "enqueuedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdmissionWaiter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Replica" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "drainingAt" TIMESTAMP(3),

    CONSTRAINT "Replica_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackendSlot_replicaId_idx" ON "BackendSlot"("replicaId");

-- CreateIndex
CREATE INDEX "AdmissionWaiter_model_enqueuedAt_idx" ON "AdmissionWaiter"("model", "enqueuedAt");

-- CreateIndex
CREATE INDEX "AdmissionWaiter_replicaId_idx" ON "AdmissionWaiter"("replicaId");

-- CreateIndex
CREATE INDEX "Replica_heartbeatAt_idx" ON "Replica"("heartbeatAt");

-- CreateIndex
CREATE INDEX "Message_status_replicaId_idx" ON "Message"("status", "replicaId");

-- AddForeignKey
ALTER TABLE "BackendSlot" ADD CONSTRAINT "BackendSlot_backendId_fkey" FOREIGN KEY ("backendId") REFERENCES "Backend"("id") ON DELETE CASCADE ON UPDATE CASCADE;

