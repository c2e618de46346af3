-- Indexes for the first page of the assets list sorted by any column. Descending indexes keep missing
-- values last (NULLS LAST), as the list orders them; Prisma's schema cannot say so, and its diff ignores it.
-- CreateIndex
CREATE INDEX "Asset_inventoryTag_id_idx" ON "Asset"("inventoryTag", "id");

-- CreateIndex
CREATE INDEX "Asset_inventoryTag_id_desc_idx" ON "Asset"("inventoryTag" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Asset_purchaseDate_id_idx" ON "Asset"("purchaseDate", "id");

-- CreateIndex
CREATE INDEX "Asset_purchaseDate_id_desc_idx" ON "Asset"("purchaseDate" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Asset_warrantyEnd_id_desc_idx" ON "Asset"("warrantyEnd" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Asset_kind_id_idx" ON "Asset"("kind", "id");

-- CreateIndex
CREATE INDEX "Asset_status_id_idx" ON "Asset"("status", "id");

-- CreateIndex
CREATE INDEX "Asset_priceCents_id_idx" ON "Asset"("priceCents", "id");

-- CreateIndex
CREATE INDEX "Asset_priceCents_id_desc_idx" ON "Asset"("priceCents" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Asset_manufacturer_model_id_idx" ON "Asset"("manufacturer", "model", "id");

-- CreateIndex
CREATE INDEX "Asset_manufacturer_model_id_desc_idx" ON "Asset"("manufacturer" DESC NULLS LAST, "model" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Asset_assignedTo_id_idx" ON "Asset"("assignedTo", "id");

-- CreateIndex
CREATE INDEX "Asset_assignedTo_id_desc_idx" ON "Asset"("assignedTo" DESC NULLS LAST, "id" DESC);
