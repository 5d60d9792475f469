-- CreateTable
CREATE TABLE "XksHealthStatus" (
    "customKeyStoreId" TEXT NOT NULL,
    "reportJson" TEXT,
    "reportAt" TIMESTAMP(3),
    "probesJson" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "XksHealthStatus_pkey" PRIMARY KEY ("customKeyStoreId")
);
