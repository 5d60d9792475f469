-- CreateTable
CREATE TABLE "KeySummaryCache" (
    "keyId" TEXT NOT NULL,
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
    "creationDate" TIMESTAMP(3) NOT NULL,
    "deletionDate" TIMESTAMP(3),
    "pendingDeletionWindowInDays" INTEGER,
    "searchText" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeySummaryCache_pkey" PRIMARY KEY ("keyId")
);

-- CreateTable
CREATE TABLE "KeyCacheRefresh" (
    "id" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "KeyCacheRefresh_pkey" PRIMARY KEY ("id")
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
