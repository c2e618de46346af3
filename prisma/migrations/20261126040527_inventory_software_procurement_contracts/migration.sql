-- CreateEnum
CREATE TYPE "LicenceKind" AS ENUM ('PERPETUAL', 'SUBSCRIPTION', 'OPEN_SOURCE');

-- CreateEnum
CREATE TYPE "ContractKind" AS ENUM ('PURCHASE', 'MAINTENANCE', 'SERVICES');

-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "floor" TEXT;

-- CreateTable
CREATE TABLE "SoftwareProduct" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "category" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SoftwareProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SoftwareLicence" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "kind" "LicenceKind" NOT NULL,
    "reference" TEXT,
    "seats" INTEGER,
    "validFrom" DATE,
    "validUntil" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SoftwareLicence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SoftwareLicenceEntity" (
    "licenceId" UUID NOT NULL,
    "entityId" UUID NOT NULL,

    CONSTRAINT "SoftwareLicenceEntity_pkey" PRIMARY KEY ("licenceId","entityId")
);

-- CreateTable
CREATE TABLE "SoftwareInstallation" (
    "id" UUID NOT NULL,
    "assetId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "licenceId" UUID,
    "version" TEXT,
    "installedOn" DATE NOT NULL,
    "removedOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SoftwareInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "vatNumber" CHAR(11),
    "pecAddress" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "kind" "ContractKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "supplierId" UUID NOT NULL,
    "contractingEntityId" UUID NOT NULL,
    "cig" CHAR(10),
    "cup" CHAR(15),
    "mepaReference" TEXT,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "renewableUntil" DATE,
    "valueCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractEntity" (
    "contractId" UUID NOT NULL,
    "entityId" UUID NOT NULL,

    CONSTRAINT "ContractEntity_pkey" PRIMARY KEY ("contractId","entityId")
);

-- CreateTable
CREATE TABLE "ContractAsset" (
    "contractId" UUID NOT NULL,
    "assetId" UUID NOT NULL,

    CONSTRAINT "ContractAsset_pkey" PRIMARY KEY ("contractId","assetId")
);

-- CreateTable
CREATE TABLE "ContractLicence" (
    "contractId" UUID NOT NULL,
    "licenceId" UUID NOT NULL,

    CONSTRAINT "ContractLicence_pkey" PRIMARY KEY ("contractId","licenceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SoftwareProduct_publisher_name_key" ON "SoftwareProduct"("publisher", "name");

-- CreateIndex
CREATE INDEX "SoftwareLicence_productId_idx" ON "SoftwareLicence"("productId");

-- CreateIndex
CREATE INDEX "SoftwareLicenceEntity_entityId_idx" ON "SoftwareLicenceEntity"("entityId");

-- CreateIndex
CREATE INDEX "SoftwareInstallation_assetId_idx" ON "SoftwareInstallation"("assetId");

-- CreateIndex
CREATE INDEX "SoftwareInstallation_licenceId_removedOn_idx" ON "SoftwareInstallation"("licenceId", "removedOn");

-- CreateIndex
CREATE INDEX "SoftwareInstallation_productId_idx" ON "SoftwareInstallation"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_vatNumber_key" ON "Supplier"("vatNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_cig_key" ON "Contract"("cig");

-- CreateIndex
CREATE INDEX "Contract_supplierId_idx" ON "Contract"("supplierId");

-- CreateIndex
CREATE INDEX "Contract_endsOn_idx" ON "Contract"("endsOn");

-- CreateIndex
CREATE INDEX "ContractEntity_entityId_idx" ON "ContractEntity"("entityId");

-- CreateIndex
CREATE INDEX "ContractAsset_assetId_idx" ON "ContractAsset"("assetId");

-- CreateIndex
CREATE INDEX "ContractLicence_licenceId_idx" ON "ContractLicence"("licenceId");

-- AddForeignKey
ALTER TABLE "SoftwareLicence" ADD CONSTRAINT "SoftwareLicence_productId_fkey" FOREIGN KEY ("productId") REFERENCES "SoftwareProduct"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftwareLicenceEntity" ADD CONSTRAINT "SoftwareLicenceEntity_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "SoftwareLicence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftwareLicenceEntity" ADD CONSTRAINT "SoftwareLicenceEntity_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftwareInstallation" ADD CONSTRAINT "SoftwareInstallation_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftwareInstallation" ADD CONSTRAINT "SoftwareInstallation_productId_fkey" FOREIGN KEY ("productId") REFERENCES "SoftwareProduct"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftwareInstallation" ADD CONSTRAINT "SoftwareInstallation_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "SoftwareLicence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_contractingEntityId_fkey" FOREIGN KEY ("contractingEntityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractEntity" ADD CONSTRAINT "ContractEntity_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractEntity" ADD CONSTRAINT "ContractEntity_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAsset" ADD CONSTRAINT "ContractAsset_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractAsset" ADD CONSTRAINT "ContractAsset_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractLicence" ADD CONSTRAINT "ContractLicence_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractLicence" ADD CONSTRAINT "ContractLicence_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "SoftwareLicence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot state; kept here so that no writer, GraphQL or not, breaks them.
ALTER TABLE "SoftwareLicence" ADD CONSTRAINT "SoftwareLicence_seats_check" CHECK ("seats" IS NULL OR "seats" > 0);
ALTER TABLE "SoftwareLicence" ADD CONSTRAINT "SoftwareLicence_term_check" CHECK ("validUntil" IS NULL OR "validFrom" IS NULL OR "validUntil" >= "validFrom");
ALTER TABLE "SoftwareInstallation" ADD CONSTRAINT "SoftwareInstallation_term_check" CHECK ("removedOn" IS NULL OR "removedOn" >= "installedOn");
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_term_check" CHECK ("endsOn" >= "startsOn" AND ("renewableUntil" IS NULL OR "renewableUntil" >= "endsOn"));
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_value_check" CHECK ("valueCents" >= 0);
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_cig_check" CHECK ("cig" IS NULL OR "cig" ~ '^[0-9A-Z]{10}$');
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_cup_check" CHECK ("cup" IS NULL OR "cup" ~ '^[0-9A-Z]{15}$');
