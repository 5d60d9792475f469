-- AlterTable
ALTER TABLE "KeySummaryCache" ADD COLUMN     "xksKeyId" TEXT;

-- AlterTable
ALTER TABLE "KmsKey" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "KeySummaryCache_xksKeyId_idx" ON "KeySummaryCache"("xksKeyId");
