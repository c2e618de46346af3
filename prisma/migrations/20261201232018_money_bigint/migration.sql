-- AlterTable
ALTER TABLE "Asset" ALTER COLUMN "priceCents" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Contract" ALTER COLUMN "valueCents" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Expense" ALTER COLUMN "amountCents" SET DATA TYPE BIGINT,
ALTER COLUMN "vatCents" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ExpenseGrant" ALTER COLUMN "amountCents" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "StaffSecondment" ALTER COLUMN "costCents" SET DATA TYPE BIGINT;
