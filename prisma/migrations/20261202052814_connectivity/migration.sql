-- CreateEnum
CREATE TYPE "CircuitTechnology" AS ENUM ('FTTH_FTTB', 'FTTC', 'FWA', 'XDSL', 'SATELLITE', 'RADIO', 'OTHER');

-- CreateEnum
CREATE TYPE "CircuitType" AS ENUM ('INTERNET', 'NETWORK_ACCESS', 'POINT_TO_POINT', 'BACKUP');

-- CreateEnum
CREATE TYPE "CircuitStatus" AS ENUM ('ORDERED', 'PLANNED', 'PROVISIONING', 'ACTIVE', 'OFFLINE', 'DEPROVISIONING', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "ProviderNetworkKind" AS ENUM ('REGIONAL', 'SPC', 'MPLS', 'INTERNET', 'OTHER');

-- CreateEnum
CREATE TYPE "ServiceWindow" AS ENUM ('H24_7', 'BUSINESS_HOURS', 'EXTENDED_HOURS');

-- CreateEnum
CREATE TYPE "TerminationSide" AS ENUM ('A', 'Z');

-- CreateEnum
CREATE TYPE "RedundancyPriority" AS ENUM ('PRIMARY', 'SECONDARY', 'TERTIARY');

-- CreateEnum
CREATE TYPE "VirtualCircuitRole" AS ENUM ('HUB', 'SPOKE', 'PEER');

-- CreateEnum
CREATE TYPE "FrameworkAgreement" AS ENUM ('NONE', 'SPC', 'REGIONAL', 'MEPA', 'CONSIP');

-- CreateEnum
CREATE TYPE "ContractRenewal" AS ENUM ('NONE', 'TACIT', 'EXPRESS');

-- CreateEnum
CREATE TYPE "MaintenanceImpact" AS ENUM ('OUTAGE', 'DEGRADED', 'NONE');

-- CreateEnum
CREATE TYPE "MaintenanceStatus" AS ENUM ('TENTATIVE', 'CONFIRMED', 'CANCELLED', 'COMPLETED');

-- AlterTable
ALTER TABLE "Expense" ADD COLUMN     "sourceKey" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "ConnectivityProvider" (
    "id" UUID NOT NULL,
    "supplierId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "asn" INTEGER,
    "supportContact" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ConnectivityProvider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderAccount" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ProviderAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderNetwork" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProviderNetworkKind" NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ProviderNetwork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Circuit" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "cid" TEXT NOT NULL,
    "type" "CircuitType" NOT NULL,
    "technology" "CircuitTechnology" NOT NULL,
    "status" "CircuitStatus" NOT NULL,
    "entityId" UUID NOT NULL,
    "providerAccountId" UUID,
    "contractId" UUID,
    "downloadKbps" INTEGER NOT NULL,
    "uploadKbps" INTEGER NOT NULL,
    "guaranteedDownloadKbps" INTEGER,
    "guaranteedUploadKbps" INTEGER,
    "publicIpAddresses" TEXT[],
    "installedOn" DATE,
    "terminatedOn" DATE,
    "slaAvailabilityHundredths" INTEGER,
    "slaRestoreHours" INTEGER,
    "slaServiceWindow" "ServiceWindow",
    "monthlyCostCents" BIGINT NOT NULL DEFAULT 0,
    "yearlyCostCents" BIGINT NOT NULL DEFAULT 0,
    "oneOffCostCents" BIGINT NOT NULL DEFAULT 0,
    "vatRateBasisPoints" INTEGER NOT NULL DEFAULT 2200,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Circuit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircuitTermination" (
    "id" UUID NOT NULL,
    "circuitId" UUID NOT NULL,
    "side" "TerminationSide" NOT NULL,
    "siteId" UUID,
    "providerNetworkId" UUID,
    "portSpeedKbps" INTEGER,
    "cpeAssetId" UUID,
    "crossConnect" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CircuitTermination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedundancyGroup" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "RedundancyGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedundancyGroupMember" (
    "groupId" UUID NOT NULL,
    "circuitId" UUID NOT NULL,
    "priority" "RedundancyPriority" NOT NULL,

    CONSTRAINT "RedundancyGroupMember_pkey" PRIMARY KEY ("groupId","circuitId")
);

-- CreateTable
CREATE TABLE "VirtualCircuit" (
    "id" UUID NOT NULL,
    "providerNetworkId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "identifier" TEXT,
    "status" "CircuitStatus" NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "VirtualCircuit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VirtualCircuitTermination" (
    "virtualCircuitId" UUID NOT NULL,
    "circuitId" UUID NOT NULL,
    "role" "VirtualCircuitRole" NOT NULL,

    CONSTRAINT "VirtualCircuitTermination_pkey" PRIMARY KEY ("virtualCircuitId","circuitId")
);

-- CreateTable
CREATE TABLE "ConnectivityContract" (
    "contractId" UUID NOT NULL,
    "framework" "FrameworkAgreement" NOT NULL,
    "frameworkName" TEXT,
    "frameworkEndsOn" DATE,
    "noticePeriodDays" INTEGER NOT NULL DEFAULT 0,
    "renewal" "ContractRenewal" NOT NULL,
    "renewalMonths" INTEGER,
    "noticeGivenOn" DATE,
    "currentTermEndsOn" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ConnectivityContract_pkey" PRIMARY KEY ("contractId")
);

-- CreateTable
CREATE TABLE "ConnectivityContractShare" (
    "contractId" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "basisPoints" INTEGER NOT NULL,

    CONSTRAINT "ConnectivityContractShare_pkey" PRIMARY KEY ("contractId","entityId")
);

-- CreateTable
CREATE TABLE "MaintenanceEvent" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "reference" TEXT,
    "summary" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "impact" "MaintenanceImpact" NOT NULL,
    "status" "MaintenanceStatus" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "MaintenanceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceCircuit" (
    "eventId" UUID NOT NULL,
    "circuitId" UUID NOT NULL,

    CONSTRAINT "MaintenanceCircuit_pkey" PRIMARY KEY ("eventId","circuitId")
);

-- CreateTable
CREATE TABLE "ConnectivityHub" (
    "associationId" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConnectivityHub_pkey" PRIMARY KEY ("associationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConnectivityProvider_supplierId_key" ON "ConnectivityProvider"("supplierId");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectivityProvider_name_key" ON "ConnectivityProvider"("name");

-- CreateIndex
CREATE INDEX "ProviderAccount_entityId_idx" ON "ProviderAccount"("entityId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderAccount_providerId_accountNumber_key" ON "ProviderAccount"("providerId", "accountNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderNetwork_providerId_name_key" ON "ProviderNetwork"("providerId", "name");

-- CreateIndex
CREATE INDEX "Circuit_entityId_status_idx" ON "Circuit"("entityId", "status");

-- CreateIndex
CREATE INDEX "Circuit_contractId_idx" ON "Circuit"("contractId");

-- CreateIndex
CREATE INDEX "Circuit_providerAccountId_idx" ON "Circuit"("providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Circuit_providerId_cid_key" ON "Circuit"("providerId", "cid");

-- CreateIndex
CREATE INDEX "CircuitTermination_siteId_idx" ON "CircuitTermination"("siteId");

-- CreateIndex
CREATE INDEX "CircuitTermination_providerNetworkId_idx" ON "CircuitTermination"("providerNetworkId");

-- CreateIndex
CREATE INDEX "CircuitTermination_cpeAssetId_idx" ON "CircuitTermination"("cpeAssetId");

-- CreateIndex
CREATE UNIQUE INDEX "CircuitTermination_circuitId_side_key" ON "CircuitTermination"("circuitId", "side");

-- CreateIndex
CREATE INDEX "RedundancyGroup_siteId_idx" ON "RedundancyGroup"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "RedundancyGroup_entityId_name_key" ON "RedundancyGroup"("entityId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RedundancyGroupMember_circuitId_key" ON "RedundancyGroupMember"("circuitId");

-- CreateIndex
CREATE UNIQUE INDEX "RedundancyGroupMember_groupId_priority_key" ON "RedundancyGroupMember"("groupId", "priority");

-- CreateIndex
CREATE UNIQUE INDEX "VirtualCircuit_providerNetworkId_name_key" ON "VirtualCircuit"("providerNetworkId", "name");

-- CreateIndex
CREATE INDEX "VirtualCircuitTermination_circuitId_idx" ON "VirtualCircuitTermination"("circuitId");

-- CreateIndex
CREATE INDEX "ConnectivityContractShare_entityId_idx" ON "ConnectivityContractShare"("entityId");

-- CreateIndex
CREATE INDEX "MaintenanceEvent_startsAt_idx" ON "MaintenanceEvent"("startsAt");

-- CreateIndex
CREATE INDEX "MaintenanceEvent_endsAt_idx" ON "MaintenanceEvent"("endsAt");

-- CreateIndex
CREATE INDEX "MaintenanceCircuit_circuitId_idx" ON "MaintenanceCircuit"("circuitId");

-- CreateIndex
CREATE UNIQUE INDEX "Expense_sourceKey_key" ON "Expense"("sourceKey");

-- AddForeignKey
ALTER TABLE "ConnectivityProvider" ADD CONSTRAINT "ConnectivityProvider_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "ConnectivityProvider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderAccount" ADD CONSTRAINT "ProviderAccount_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderNetwork" ADD CONSTRAINT "ProviderNetwork_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "ConnectivityProvider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "ConnectivityProvider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_providerAccountId_fkey" FOREIGN KEY ("providerAccountId") REFERENCES "ProviderAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitTermination" ADD CONSTRAINT "CircuitTermination_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitTermination" ADD CONSTRAINT "CircuitTermination_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitTermination" ADD CONSTRAINT "CircuitTermination_providerNetworkId_fkey" FOREIGN KEY ("providerNetworkId") REFERENCES "ProviderNetwork"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CircuitTermination" ADD CONSTRAINT "CircuitTermination_cpeAssetId_fkey" FOREIGN KEY ("cpeAssetId") REFERENCES "Asset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedundancyGroup" ADD CONSTRAINT "RedundancyGroup_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedundancyGroup" ADD CONSTRAINT "RedundancyGroup_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedundancyGroupMember" ADD CONSTRAINT "RedundancyGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "RedundancyGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedundancyGroupMember" ADD CONSTRAINT "RedundancyGroupMember_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VirtualCircuit" ADD CONSTRAINT "VirtualCircuit_providerNetworkId_fkey" FOREIGN KEY ("providerNetworkId") REFERENCES "ProviderNetwork"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VirtualCircuitTermination" ADD CONSTRAINT "VirtualCircuitTermination_virtualCircuitId_fkey" FOREIGN KEY ("virtualCircuitId") REFERENCES "VirtualCircuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VirtualCircuitTermination" ADD CONSTRAINT "VirtualCircuitTermination_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityContract" ADD CONSTRAINT "ConnectivityContract_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityContractShare" ADD CONSTRAINT "ConnectivityContractShare_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "ConnectivityContract"("contractId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityContractShare" ADD CONSTRAINT "ConnectivityContractShare_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceEvent" ADD CONSTRAINT "MaintenanceEvent_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "ConnectivityProvider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceCircuit" ADD CONSTRAINT "MaintenanceCircuit_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "MaintenanceEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceCircuit" ADD CONSTRAINT "MaintenanceCircuit_circuitId_fkey" FOREIGN KEY ("circuitId") REFERENCES "Circuit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityHub" ADD CONSTRAINT "ConnectivityHub_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectivityHub" ADD CONSTRAINT "ConnectivityHub_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Optimistic concurrency: every UPDATE raises the row's version by one (added by db:migration).
CREATE TRIGGER "ConnectivityProvider_bump_version" BEFORE UPDATE ON "ConnectivityProvider" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "ProviderAccount_bump_version" BEFORE UPDATE ON "ProviderAccount" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "ProviderNetwork_bump_version" BEFORE UPDATE ON "ProviderNetwork" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Circuit_bump_version" BEFORE UPDATE ON "Circuit" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "CircuitTermination_bump_version" BEFORE UPDATE ON "CircuitTermination" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "RedundancyGroup_bump_version" BEFORE UPDATE ON "RedundancyGroup" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "VirtualCircuit_bump_version" BEFORE UPDATE ON "VirtualCircuit" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "ConnectivityContract_bump_version" BEFORE UPDATE ON "ConnectivityContract" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "MaintenanceEvent_bump_version" BEFORE UPDATE ON "MaintenanceEvent" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();

-- Rules Prisma's schema cannot state: the database refuses what the API would refuse, whoever writes.
-- A termination ends on a body's site or on a provider network, never both, never neither.
ALTER TABLE "CircuitTermination" ADD CONSTRAINT "CircuitTermination_one_end"
  CHECK (("siteId" IS NULL) <> ("providerNetworkId" IS NULL));
ALTER TABLE "CircuitTermination" ADD CONSTRAINT "CircuitTermination_port_speed_positive"
  CHECK ("portSpeedKbps" IS NULL OR "portSpeedKbps" > 0);
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_bandwidths"
  CHECK ("downloadKbps" > 0 AND "uploadKbps" > 0
    AND ("guaranteedDownloadKbps" IS NULL OR "guaranteedDownloadKbps" BETWEEN 0 AND "downloadKbps")
    AND ("guaranteedUploadKbps" IS NULL OR "guaranteedUploadKbps" BETWEEN 0 AND "uploadKbps"));
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_costs_not_negative"
  CHECK ("monthlyCostCents" >= 0 AND "yearlyCostCents" >= 0 AND "oneOffCostCents" >= 0
    AND "vatRateBasisPoints" BETWEEN 0 AND 10000);
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_sla"
  CHECK (("slaAvailabilityHundredths" IS NULL OR "slaAvailabilityHundredths" BETWEEN 0 AND 10000)
    AND ("slaRestoreHours" IS NULL OR "slaRestoreHours" > 0));
ALTER TABLE "Circuit" ADD CONSTRAINT "Circuit_dates"
  CHECK ("terminatedOn" IS NULL OR "installedOn" IS NULL OR "terminatedOn" >= "installedOn");
ALTER TABLE "MaintenanceEvent" ADD CONSTRAINT "MaintenanceEvent_window"
  CHECK ("endsAt" > "startsAt");
ALTER TABLE "ConnectivityContractShare" ADD CONSTRAINT "ConnectivityContractShare_basis_points"
  CHECK ("basisPoints" BETWEEN 1 AND 10000);
ALTER TABLE "ConnectivityContract" ADD CONSTRAINT "ConnectivityContract_terms"
  CHECK ("noticePeriodDays" BETWEEN 0 AND 3650
    AND ("renewal" = 'NONE' OR "renewalMonths" BETWEEN 1 AND 120));
ALTER TABLE "Site" ADD CONSTRAINT "Site_coordinates"
  CHECK (("latitude" IS NULL) = ("longitude" IS NULL)
    AND ("latitude" IS NULL OR ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180)));
