-- AlterTable
ALTER TABLE "CustomKeyStore" ADD COLUMN     "xksProxyAccessKeyId" TEXT,
ADD COLUMN     "xksProxyConnectivity" TEXT,
ADD COLUMN     "xksProxySecretSealed" TEXT,
ADD COLUMN     "xksProxyUriEndpoint" TEXT,
ADD COLUMN     "xksProxyUriPath" TEXT,
ADD COLUMN     "xksProxyVpcEndpointServiceName" TEXT,
ADD COLUMN     "xksProxyVpcEndpointServiceOwner" TEXT;

-- AlterTable
ALTER TABLE "KmsKey" ADD COLUMN     "xksKeyId" TEXT;

-- CreateTable
CREATE TABLE "XksVpcEndpointService" (
    "name" TEXT NOT NULL,
    "ownerAccountId" TEXT NOT NULL,
    "proxyUrl" TEXT NOT NULL,
    "privateDnsName" TEXT NOT NULL,
    "privateDnsVerified" BOOLEAN NOT NULL DEFAULT true,
    "acceptanceRequired" BOOLEAN NOT NULL DEFAULT false,
    "allowsKms" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "XksVpcEndpointService_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "KmsKey_customKeyStoreId_xksKeyId_key" ON "KmsKey"("customKeyStoreId", "xksKeyId");
