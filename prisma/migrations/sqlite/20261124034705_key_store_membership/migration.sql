-- CreateTable
CREATE TABLE "KeyStoreMembership" (
    "keyId" TEXT NOT NULL PRIMARY KEY,
    "customKeyStoreId" TEXT,
    "firstSeenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "KeyStoreMembership_customKeyStoreId_idx" ON "KeyStoreMembership"("customKeyStoreId");
