-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "accessKeyId" TEXT;
