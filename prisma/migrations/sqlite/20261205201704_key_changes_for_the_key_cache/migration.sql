-- AlterTable
ALTER TABLE "KeySummaryCache" ADD COLUMN "xksKeyId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KmsKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "arn" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "keyUsage" TEXT NOT NULL DEFAULT 'ENCRYPT_DECRYPT',
    "keySpec" TEXT NOT NULL DEFAULT 'SYMMETRIC_DEFAULT',
    "origin" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "deletionDate" DATETIME,
    "customKeyStoreId" TEXT,
    "cloudHsmClusterId" TEXT,
    "keyMaterialLabel" TEXT NOT NULL,
    "keyMaterialId" TEXT,
    "xksKeyId" TEXT,
    "policy" TEXT NOT NULL,
    "grantsVersion" INTEGER NOT NULL DEFAULT 0,
    "createdByArn" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KmsKey_customKeyStoreId_fkey" FOREIGN KEY ("customKeyStoreId") REFERENCES "CustomKeyStore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_KmsKey" ("arn", "cloudHsmClusterId", "createdAt", "createdByArn", "customKeyStoreId", "deletionDate", "description", "grantsVersion", "id", "keyMaterialId", "keyMaterialLabel", "keySpec", "keyUsage", "origin", "policy", "state", "xksKeyId") SELECT "arn", "cloudHsmClusterId", "createdAt", "createdByArn", "customKeyStoreId", "deletionDate", "description", "grantsVersion", "id", "keyMaterialId", "keyMaterialLabel", "keySpec", "keyUsage", "origin", "policy", "state", "xksKeyId" FROM "KmsKey";
DROP TABLE "KmsKey";
ALTER TABLE "new_KmsKey" RENAME TO "KmsKey";
CREATE UNIQUE INDEX "KmsKey_arn_key" ON "KmsKey"("arn");
CREATE INDEX "KmsKey_customKeyStoreId_idx" ON "KmsKey"("customKeyStoreId");
CREATE INDEX "KmsKey_state_deletionDate_idx" ON "KmsKey"("state", "deletionDate");
CREATE UNIQUE INDEX "KmsKey_customKeyStoreId_xksKeyId_key" ON "KmsKey"("customKeyStoreId", "xksKeyId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "KeySummaryCache_xksKeyId_idx" ON "KeySummaryCache"("xksKeyId");
