-- CreateTable
CREATE TABLE "CustomKeyStore" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "cloudHsmClusterId" TEXT,
    "trustAnchorPem" TEXT,
    "keyStorePasswordSealed" TEXT,
    "connectionState" TEXT NOT NULL DEFAULT 'DISCONNECTED',
    "connectionErrorCode" TEXT,
    "connectionStateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "connectAttemptId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomKeyStore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KmsKey" (
    "id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "keyUsage" TEXT NOT NULL DEFAULT 'ENCRYPT_DECRYPT',
    "keySpec" TEXT NOT NULL DEFAULT 'SYMMETRIC_DEFAULT',
    "origin" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "deletionDate" TIMESTAMP(3),
    "customKeyStoreId" TEXT,
    "cloudHsmClusterId" TEXT,
    "keyMaterialLabel" TEXT NOT NULL,
    "keyMaterialId" TEXT,
    "policy" TEXT NOT NULL,
    "createdByArn" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KmsKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alias" (
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alias_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "KeyTag" (
    "keyId" TEXT NOT NULL,
    "tagKey" TEXT NOT NULL,
    "tagValue" TEXT NOT NULL,

    CONSTRAINT "KeyTag_pkey" PRIMARY KEY ("keyId","tagKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomKeyStore_name_key" ON "CustomKeyStore"("name");

-- CreateIndex
CREATE INDEX "CustomKeyStore_cloudHsmClusterId_idx" ON "CustomKeyStore"("cloudHsmClusterId");

-- CreateIndex
CREATE UNIQUE INDEX "KmsKey_arn_key" ON "KmsKey"("arn");

-- CreateIndex
CREATE INDEX "KmsKey_customKeyStoreId_idx" ON "KmsKey"("customKeyStoreId");

-- CreateIndex
CREATE INDEX "KmsKey_state_deletionDate_idx" ON "KmsKey"("state", "deletionDate");

-- CreateIndex
CREATE INDEX "Alias_keyId_idx" ON "Alias"("keyId");

-- AddForeignKey
ALTER TABLE "KmsKey" ADD CONSTRAINT "KmsKey_customKeyStoreId_fkey" FOREIGN KEY ("customKeyStoreId") REFERENCES "CustomKeyStore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "KmsKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyTag" ADD CONSTRAINT "KeyTag_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "KmsKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
