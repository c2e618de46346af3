-- CreateEnum
CREATE TYPE "EntityCodeKind" AS ENUM ('ISTAT', 'CADASTRAL');

-- AlterTable
ALTER TABLE "Entity" ADD COLUMN     "ceasedOn" DATE,
ADD COLUMN     "successorId" UUID;

-- CreateTable
CREATE TABLE "EntityCodeChange" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "kind" "EntityCodeKind" NOT NULL,
    "oldCode" TEXT NOT NULL,
    "newCode" TEXT NOT NULL,
    "changedOn" DATE NOT NULL,
    "source" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EntityCodeChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EntityCodeChange_kind_oldCode_idx" ON "EntityCodeChange"("kind", "oldCode");

-- CreateIndex
CREATE UNIQUE INDEX "EntityCodeChange_entityId_kind_oldCode_newCode_key" ON "EntityCodeChange"("entityId", "kind", "oldCode", "newCode");

-- AddForeignKey
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntityCodeChange" ADD CONSTRAINT "EntityCodeChange_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
