-- CreateTable
CREATE TABLE "XksHealthStatus" (
    "customKeyStoreId" TEXT NOT NULL PRIMARY KEY,
    "reportJson" TEXT,
    "reportAt" DATETIME,
    "probesJson" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL
);
