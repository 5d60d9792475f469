-- CreateTable
CREATE TABLE "KeyStoreStatus" (
    "customKeyStoreId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "cloudHsmClusterId" TEXT,
    "connectionState" TEXT NOT NULL,
    "connectionErrorCode" TEXT,
    "entryJson" TEXT NOT NULL,
    "keyCount" INTEGER NOT NULL DEFAULT 0,
    "stateSince" TIMESTAMP(3) NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyStoreStatus_pkey" PRIMARY KEY ("customKeyStoreId")
);

-- CreateTable
CREATE TABLE "ClusterStatus" (
    "clusterId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "entryJson" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClusterStatus_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "HsmStatus" (
    "hsmId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "eniIp" TEXT,
    "subnetId" TEXT,
    "stateMessage" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HsmStatus_pkey" PRIMARY KEY ("hsmId")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "clusterId" TEXT,
    "fromState" TEXT,
    "toState" TEXT,
    "errorCode" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusPoll" (
    "id" TEXT NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "leader" TEXT,

    CONSTRAINT "StatusPoll_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HsmStatus_clusterId_idx" ON "HsmStatus"("clusterId");

-- CreateIndex
CREATE INDEX "StatusChange_subjectId_at_idx" ON "StatusChange"("subjectId", "at");

-- CreateIndex
CREATE INDEX "StatusChange_clusterId_at_idx" ON "StatusChange"("clusterId", "at");

-- AddForeignKey
ALTER TABLE "HsmStatus" ADD CONSTRAINT "HsmStatus_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterStatus"("clusterId") ON DELETE CASCADE ON UPDATE CASCADE;
