-- DropIndex
DROP INDEX "KeySummaryCache_creationDate_idx";

-- DropIndex
DROP INDEX "KeySummaryCache_keyState_idx";

-- DropIndex
DROP INDEX "KeySummaryCache_sortAlias_idx";

-- DropIndex
DROP INDEX "KeySummaryCache_sortStore_idx";

-- CreateIndex
CREATE INDEX "KeySummaryCache_creationDate_keyId_idx" ON "KeySummaryCache"("creationDate", "keyId");

-- CreateIndex
CREATE INDEX "KeySummaryCache_sortAlias_keyId_idx" ON "KeySummaryCache"("sortAlias", "keyId");

-- CreateIndex
CREATE INDEX "KeySummaryCache_keyState_keyId_idx" ON "KeySummaryCache"("keyState", "keyId");

-- CreateIndex
CREATE INDEX "KeySummaryCache_origin_keyId_idx" ON "KeySummaryCache"("origin", "keyId");

-- CreateIndex
CREATE INDEX "KeySummaryCache_sortStore_keyId_idx" ON "KeySummaryCache"("sortStore", "keyId");
