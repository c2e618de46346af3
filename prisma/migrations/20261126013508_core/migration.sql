-- CreateEnum
CREATE TYPE "EntityKind" AS ENUM ('UNION', 'PROVINCE', 'MUNICIPALITY', 'OTHER');

-- CreateTable
CREATE TABLE "Entity" (
    "id" UUID NOT NULL,
    "kind" "EntityKind" NOT NULL,
    "name" TEXT NOT NULL,
    "istatCode" CHAR(6),
    "cadastralCode" CHAR(4),
    "taxCode" TEXT,
    "ipaCode" TEXT,
    "province" CHAR(2),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Entity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntityPopulation" (
    "entityId" UUID NOT NULL,
    "referenceDate" DATE NOT NULL,
    "population" INTEGER NOT NULL,
    "source" TEXT,

    CONSTRAINT "EntityPopulation_pkey" PRIMARY KEY ("entityId","referenceDate")
);

-- CreateIndex
CREATE UNIQUE INDEX "Entity_istatCode_key" ON "Entity"("istatCode");

-- CreateIndex
CREATE UNIQUE INDEX "Entity_cadastralCode_key" ON "Entity"("cadastralCode");

-- CreateIndex
CREATE UNIQUE INDEX "Entity_ipaCode_key" ON "Entity"("ipaCode");

-- AddForeignKey
ALTER TABLE "EntityPopulation" ADD CONSTRAINT "EntityPopulation_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
