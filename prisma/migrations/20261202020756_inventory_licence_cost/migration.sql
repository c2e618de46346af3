-- AlterTable
ALTER TABLE "SoftwareLicence" ADD COLUMN     "costCents" BIGINT;
