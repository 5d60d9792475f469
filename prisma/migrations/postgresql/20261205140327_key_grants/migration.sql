-- AlterTable
ALTER TABLE "KmsKey" ADD COLUMN     "grantsVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "KeyGrant" (
    "id" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "name" TEXT,
    "granteePrincipal" TEXT,
    "granteeServicePrincipal" TEXT,
    "retiringPrincipal" TEXT,
    "retiringServicePrincipal" TEXT,
    "operations" TEXT NOT NULL,
    "constraints" TEXT,
    "issuingAccount" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeyGrant_keyId_createdAt_idx" ON "KeyGrant"("keyId", "createdAt");

-- CreateIndex
CREATE INDEX "KeyGrant_retiringPrincipal_idx" ON "KeyGrant"("retiringPrincipal");

-- AddForeignKey
ALTER TABLE "KeyGrant" ADD CONSTRAINT "KeyGrant_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "KmsKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
