-- CreateTable
CREATE TABLE "KeyStoreStatus" (
    "customKeyStoreId" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "cloudHsmClusterId" TEXT,
    "connectionState" TEXT NOT NULL,
    "connectionErrorCode" TEXT,
    "entryJson" TEXT NOT NULL,
    "keyCount" INTEGER NOT NULL DEFAULT 0,
    "stateSince" DATETIME NOT NULL,
    "checkedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClusterStatus" (
    "clusterId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "entryJson" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HsmStatus" (
    "hsmId" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "availabilityZone" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "eniIp" TEXT,
    "subnetId" TEXT,
    "stateMessage" TEXT,
    "checkedAt" DATETIME NOT NULL,
    CONSTRAINT "HsmStatus_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "ClusterStatus" ("clusterId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "clusterId" TEXT,
    "fromState" TEXT,
    "toState" TEXT,
    "errorCode" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StatusPoll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lastAttemptAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastErrorCode" TEXT,
    "lastErrorAt" DATETIME,
    "leader" TEXT
);

-- CreateIndex
CREATE INDEX "HsmStatus_clusterId_idx" ON "HsmStatus"("clusterId");

-- CreateIndex
CREATE INDEX "StatusChange_subjectId_at_idx" ON "StatusChange"("subjectId", "at");

-- CreateIndex
CREATE INDEX "StatusChange_clusterId_at_idx" ON "StatusChange"("clusterId", "at");
