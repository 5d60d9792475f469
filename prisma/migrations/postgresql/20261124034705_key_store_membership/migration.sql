-- CreateTable
CREATE TABLE "KeyStoreMembership" (
    "keyId" TEXT NOT NULL,
    "customKeyStoreId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyStoreMembership_pkey" PRIMARY KEY ("keyId")
);

-- CreateIndex
CREATE INDEX "KeyStoreMembership_customKeyStoreId_idx" ON "KeyStoreMembership"("customKeyStoreId");
