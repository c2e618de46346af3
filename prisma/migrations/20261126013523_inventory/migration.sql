-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('DESKTOP_PC', 'LAPTOP', 'SERVER', 'PRINTER', 'MULTIFUNCTION_PRINTER', 'NETWORK_DEVICE', 'PHONE_OR_TABLET', 'OTHER');

-- CreateEnum
CREATE TYPE "AssetStatus" AS ENUM ('ORDERED', 'IN_SERVICE', 'UNDER_REPAIR', 'SPARE', 'RETIRED', 'DISPOSED');

-- CreateTable
CREATE TABLE "Asset" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "kind" "AssetKind" NOT NULL,
    "status" "AssetStatus" NOT NULL DEFAULT 'IN_SERVICE',
    "manufacturer" TEXT,
    "model" TEXT,
    "serialNumber" TEXT,
    "inventoryTag" TEXT,
    "purchaseDate" DATE,
    "priceCents" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Asset_entityId_kind_status_idx" ON "Asset"("entityId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_entityId_inventoryTag_key" ON "Asset"("entityId", "inventoryTag");

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
