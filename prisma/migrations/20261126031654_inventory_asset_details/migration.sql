-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "assignedTo" TEXT,
ADD COLUMN     "siteId" UUID,
ADD COLUMN     "supplier" TEXT,
ADD COLUMN     "warrantyEnd" DATE;

-- CreateIndex
CREATE INDEX "Asset_siteId_idx" ON "Asset"("siteId");

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;
