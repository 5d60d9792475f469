-- AlterTable
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxyAccessKeyId" TEXT;
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxyConnectivity" TEXT;
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxySecretSealed" TEXT;
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxyUriEndpoint" TEXT;
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxyUriPath" TEXT;
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxyVpcEndpointServiceName" TEXT;
ALTER TABLE "CustomKeyStore" ADD COLUMN "xksProxyVpcEndpointServiceOwner" TEXT;

-- AlterTable
ALTER TABLE "KmsKey" ADD COLUMN "xksKeyId" TEXT;

-- CreateTable
CREATE TABLE "XksVpcEndpointService" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "ownerAccountId" TEXT NOT NULL,
    "proxyUrl" TEXT NOT NULL,
    "privateDnsName" TEXT NOT NULL,
    "privateDnsVerified" BOOLEAN NOT NULL DEFAULT true,
    "acceptanceRequired" BOOLEAN NOT NULL DEFAULT false,
    "allowsKms" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "KmsKey_customKeyStoreId_xksKeyId_key" ON "KmsKey"("customKeyStoreId", "xksKeyId");
