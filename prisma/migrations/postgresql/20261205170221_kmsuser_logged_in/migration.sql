-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "kmsuserLoggedInAt" TIMESTAMP(3);
