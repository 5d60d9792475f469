-- CreateTable
CREATE TABLE "KeySummaryCache" (
    "keyId" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "aliasesJson" TEXT NOT NULL,
    "sortAlias" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keyState" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "keyManager" TEXT NOT NULL,
    "keySpec" TEXT NOT NULL,
    "keyUsage" TEXT NOT NULL,
    "customKeyStoreId" TEXT,
    "customKeyStoreName" TEXT,
    "sortStore" TEXT NOT NULL,
    "cloudHsmClusterId" TEXT,
    "creationDate" DATETIME NOT NULL,
    "deletionDate" DATETIME,
    "pendingDeletionWindowInDays" INTEGER,
    "searchText" TEXT NOT NULL,
    "refreshedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KeyCacheRefresh" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lastSuccessAt" DATETIME,
    "lastErrorCode" TEXT,
    "lastErrorAt" DATETIME
);

-- CreateIndex
CREATE INDEX "KeySummaryCache_creationDate_idx" ON "KeySummaryCache"("creationDate");

-- CreateIndex
CREATE INDEX "KeySummaryCache_sortAlias_idx" ON "KeySummaryCache"("sortAlias");

-- CreateIndex
CREATE INDEX "KeySummaryCache_keyState_idx" ON "KeySummaryCache"("keyState");

-- CreateIndex
CREATE INDEX "KeySummaryCache_customKeyStoreId_idx" ON "KeySummaryCache"("customKeyStoreId");

-- CreateIndex
CREATE INDEX "KeySummaryCache_sortStore_idx" ON "KeySummaryCache"("sortStore");

-- CreateIndex
CREATE INDEX "KeySummaryCache_refreshedAt_idx" ON "KeySummaryCache"("refreshedAt");
