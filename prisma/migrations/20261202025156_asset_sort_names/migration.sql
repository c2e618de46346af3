-- The body's and the site's names on each asset, only to sort the assets list by them through an
-- index: over 2,000,000 assets, ordering by a joined column sorts the whole table. Triggers keep them:
-- set on every insert and on every change of the asset's body or site (a site deleted sets siteId to
-- NULL through the foreign key, an UPDATE that fires the same trigger), copied again when a body or a
-- site is renamed (which raises the version of its assets, as any UPDATE of them does).

-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "bodyName" TEXT,
ADD COLUMN     "siteName" TEXT;

-- Existing rows, without raising their version: nothing a person wrote has changed.
ALTER TABLE "Asset" DISABLE TRIGGER "Asset_bump_version";
UPDATE "Asset" a SET "bodyName" = e."name" FROM "Entity" e WHERE e."id" = a."entityId";
UPDATE "Asset" a SET "siteName" = s."name" FROM "Site" s WHERE s."id" = a."siteId";
ALTER TABLE "Asset" ENABLE TRIGGER "Asset_bump_version";

CREATE FUNCTION "gea_asset_sort_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW."entityId" IS DISTINCT FROM OLD."entityId" OR NEW."bodyName" IS DISTINCT FROM OLD."bodyName" THEN
    NEW."bodyName" := (SELECT "name" FROM "Entity" WHERE "id" = NEW."entityId");
  END IF;
  IF TG_OP = 'INSERT' OR NEW."siteId" IS DISTINCT FROM OLD."siteId" OR NEW."siteName" IS DISTINCT FROM OLD."siteName" THEN
    NEW."siteName" := (SELECT "name" FROM "Site" WHERE "id" = NEW."siteId");
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Asset_sort_names" BEFORE INSERT OR UPDATE ON "Asset" FOR EACH ROW EXECUTE FUNCTION "gea_asset_sort_names"();

CREATE FUNCTION "gea_entity_name_to_assets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Asset" SET "bodyName" = NEW."name" WHERE "entityId" = NEW."id";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Entity_name_to_assets" AFTER UPDATE OF "name" ON "Entity" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "gea_entity_name_to_assets"();

CREATE FUNCTION "gea_site_name_to_assets"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Asset" SET "siteName" = NEW."name" WHERE "siteId" = NEW."id";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Site_name_to_assets" AFTER UPDATE OF "name" ON "Site" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "gea_site_name_to_assets"();

-- CreateIndex
CREATE INDEX "Asset_bodyName_id_idx" ON "Asset"("bodyName", "id");

-- CreateIndex
CREATE INDEX "Asset_bodyName_id_desc_idx" ON "Asset"("bodyName" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Asset_siteName_id_idx" ON "Asset"("siteName", "id");

-- CreateIndex
CREATE INDEX "Asset_siteName_id_desc_idx" ON "Asset"("siteName" DESC NULLS LAST, "id" DESC);
