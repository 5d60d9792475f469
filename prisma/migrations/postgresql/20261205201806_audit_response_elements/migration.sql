-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "responseElements" TEXT;
