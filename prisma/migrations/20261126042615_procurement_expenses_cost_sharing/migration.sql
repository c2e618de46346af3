-- CreateEnum
CREATE TYPE "CorrectiveKind" AS ENUM ('MIN_POPULATION', 'MIN_SHARE', 'MAX_SHARE');

-- CreateEnum
CREATE TYPE "ExpenseCategory" AS ENUM ('CURRENT', 'CAPITAL');

-- CreateEnum
CREATE TYPE "ExpensePlan" AS ENUM ('PURCHASES', 'SOFTWARE_INTEGRATION', 'RUNNING_SERVICES');

-- CreateEnum
CREATE TYPE "GrantSource" AS ENUM ('NATIONAL', 'REGIONAL', 'PROVINCIAL', 'PRIVATE');

-- CreateTable
CREATE TABLE "CostSharingRule" (
    "associationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "pcWeightBasisPoints" INTEGER NOT NULL DEFAULT 5000,
    "pcReferenceDate" DATE,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CostSharingRule_pkey" PRIMARY KEY ("associationId","year")
);

-- CreateTable
CREATE TABLE "CostSharingCorrective" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "CorrectiveKind" NOT NULL,
    "label" TEXT NOT NULL,
    "basisPoints" INTEGER,
    "minimumPopulation" INTEGER,
    "populationBelow" INTEGER,
    "entityIds" UUID[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostSharingCorrective_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanDocument" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "plan" "ExpensePlan" NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "note" TEXT,
    "issuedById" UUID,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cup" CHAR(15),
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectParticipant" (
    "projectId" UUID NOT NULL,
    "entityId" UUID NOT NULL,

    CONSTRAINT "ProjectParticipant_pkey" PRIMARY KEY ("projectId","entityId")
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "plan" "ExpensePlan" NOT NULL,
    "category" "ExpenseCategory" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "vatCents" INTEGER NOT NULL DEFAULT 0,
    "contractId" UUID,
    "orderReference" TEXT,
    "projectId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Expense_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseGrant" (
    "id" UUID NOT NULL,
    "expenseId" UUID NOT NULL,
    "source" "GrantSource" NOT NULL,
    "grantor" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "reference" TEXT,

    CONSTRAINT "ExpenseGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffSecondment" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "lendingEntityId" UUID NOT NULL,
    "personName" TEXT NOT NULL,
    "role" TEXT,
    "timeShareBasisPoints" INTEGER NOT NULL,
    "costCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StaffSecondment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CostSharingCorrective_associationId_year_position_key" ON "CostSharingCorrective"("associationId", "year", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PlanDocument_associationId_year_plan_version_key" ON "PlanDocument"("associationId", "year", "plan", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Project_associationId_name_key" ON "Project"("associationId", "name");

-- CreateIndex
CREATE INDEX "ProjectParticipant_entityId_idx" ON "ProjectParticipant"("entityId");

-- CreateIndex
CREATE INDEX "Expense_associationId_year_idx" ON "Expense"("associationId", "year");

-- CreateIndex
CREATE INDEX "Expense_contractId_idx" ON "Expense"("contractId");

-- CreateIndex
CREATE INDEX "Expense_projectId_idx" ON "Expense"("projectId");

-- CreateIndex
CREATE INDEX "ExpenseGrant_expenseId_idx" ON "ExpenseGrant"("expenseId");

-- CreateIndex
CREATE INDEX "StaffSecondment_associationId_year_idx" ON "StaffSecondment"("associationId", "year");

-- AddForeignKey
ALTER TABLE "CostSharingRule" ADD CONSTRAINT "CostSharingRule_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostSharingCorrective" ADD CONSTRAINT "CostSharingCorrective_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDocument" ADD CONSTRAINT "PlanDocument_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectParticipant" ADD CONSTRAINT "ProjectParticipant_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectParticipant" ADD CONSTRAINT "ProjectParticipant_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseGrant" ADD CONSTRAINT "ExpenseGrant_expenseId_fkey" FOREIGN KEY ("expenseId") REFERENCES "Expense"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSecondment" ADD CONSTRAINT "StaffSecondment_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSecondment" ADD CONSTRAINT "StaffSecondment_lendingEntityId_fkey" FOREIGN KEY ("lendingEntityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot state.
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_amounts_check" CHECK ("amountCents" >= 0 AND "vatCents" >= 0);
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "ExpenseGrant" ADD CONSTRAINT "ExpenseGrant_amount_check" CHECK ("amountCents" > 0);
ALTER TABLE "StaffSecondment" ADD CONSTRAINT "StaffSecondment_values_check" CHECK ("costCents" >= 0 AND "timeShareBasisPoints" BETWEEN 1 AND 10000);
ALTER TABLE "Project" ADD CONSTRAINT "Project_cup_check" CHECK ("cup" IS NULL OR "cup" ~ '^[A-Z][0-9]{2}[A-Z][0-9]{11}$');
ALTER TABLE "CostSharingRule" ADD CONSTRAINT "CostSharingRule_weight_check" CHECK ("pcWeightBasisPoints" BETWEEN 0 AND 10000);
ALTER TABLE "CostSharingCorrective" ADD CONSTRAINT "CostSharingCorrective_values_check" CHECK (
  ("kind" = 'MIN_POPULATION' AND "minimumPopulation" > 0) OR
  ("kind" IN ('MIN_SHARE', 'MAX_SHARE') AND "basisPoints" BETWEEN 1 AND 10000)
);
