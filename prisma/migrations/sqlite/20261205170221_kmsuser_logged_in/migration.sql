-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "kmsuserLoggedInAt" DATETIME;
