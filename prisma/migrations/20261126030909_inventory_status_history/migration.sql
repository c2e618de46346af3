-- CreateTable
CREATE TABLE "AssetStatusChange" (
    "id" UUID NOT NULL,
    "assetId" UUID NOT NULL,
    "status" "AssetStatus" NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "note" TEXT,
    "changedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AssetStatusChange_assetId_effectiveOn_idx" ON "AssetStatusChange"("assetId", "effectiveOn");

-- AddForeignKey
ALTER TABLE "AssetStatusChange" ADD CONSTRAINT "AssetStatusChange_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Assets that existed before the history: their current status, from their purchase date (or the
-- day they were registered).
INSERT INTO "AssetStatusChange" ("id", "assetId", "status", "effectiveOn", "note", "recordedAt")
SELECT gen_random_uuid(), a."id", a."status", COALESCE(a."purchaseDate", a."createdAt"::date), 'status before the history was kept', a."createdAt"
FROM "Asset" a;
