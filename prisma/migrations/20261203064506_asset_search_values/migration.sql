-- A search over every body sorted by inventory tag, read as ordered runs (plugins/inventory/src/search-runs.ts):
-- the distinct values of four of the texts a search looks in, so that a search finds the values that
-- contain it among a few thousand short rows, then reads each value's assets in tag order through the
-- indexes below and stops at the page. Serial numbers are nearly all distinct: their own trigram index.

-- CreateTable
CREATE TABLE "AssetSearchValue" (
    "field" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "AssetSearchValue_pkey" PRIMARY KEY ("field","value")
);


-- CreateIndex
CREATE INDEX "Asset_manufacturer_inventoryTag_id_idx" ON "Asset"("manufacturer", "inventoryTag", "id");

-- CreateIndex
CREATE INDEX "Asset_model_inventoryTag_id_idx" ON "Asset"("model", "inventoryTag", "id");

-- CreateIndex
CREATE INDEX "Asset_assignedTo_inventoryTag_id_idx" ON "Asset"("assignedTo", "inventoryTag", "id");

-- CreateIndex
CREATE INDEX "Asset_serialNumber_trgm_idx" ON "Asset" USING GIN ("serialNumber" gin_trgm_ops);

-- Kept by PostgreSQL, whoever writes the assets (the API, an import, a restore): every value an
-- inserted or updated asset carries is added once. Values are never removed: a value no asset has any
-- more finds nothing, and removing it here would race with a transaction adding an asset with it.
-- Adding a value no transaction has committed yet takes one transaction-scoped lock first, so that
-- writers adding new values take turns until commit: without it, two transactions adding the same new
-- values in several statements, in opposite orders, each waited for the other's uncommitted value and
-- PostgreSQL rolled one back (a deadlock). Statements whose values are all known take no lock.
CREATE FUNCTION gea_asset_search_values() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1
    FROM gea_changed_assets a
    CROSS JOIN LATERAL (VALUES ('inventoryTag', a."inventoryTag"), ('manufacturer', a."manufacturer"),
                               ('model', a."model"), ('assignedTo', a."assignedTo")) AS v("field", "value")
    WHERE v."value" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "AssetSearchValue" s WHERE s."field" = v."field" AND s."value" = v."value")
  ) THEN
    PERFORM pg_advisory_xact_lock(hashtext('gea:AssetSearchValue'));
    INSERT INTO "AssetSearchValue" ("field", "value")
    SELECT DISTINCT v."field", v."value"
    FROM gea_changed_assets a
    CROSS JOIN LATERAL (VALUES ('inventoryTag', a."inventoryTag"), ('manufacturer', a."manufacturer"),
                               ('model', a."model"), ('assignedTo', a."assignedTo")) AS v("field", "value")
    WHERE v."value" IS NOT NULL
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "gea_asset_search_values_insert" AFTER INSERT ON "Asset"
  REFERENCING NEW TABLE AS gea_changed_assets FOR EACH STATEMENT EXECUTE FUNCTION gea_asset_search_values();
-- PostgreSQL refuses a column list on a trigger with a transition table: every UPDATE statement runs it.
CREATE TRIGGER "gea_asset_search_values_update" AFTER UPDATE ON "Asset"
  REFERENCING NEW TABLE AS gea_changed_assets FOR EACH STATEMENT EXECUTE FUNCTION gea_asset_search_values();

-- The values of the assets already there.
INSERT INTO "AssetSearchValue" ("field", "value")
SELECT DISTINCT v."field", v."value"
FROM "Asset" a
CROSS JOIN LATERAL (VALUES ('inventoryTag', a."inventoryTag"), ('manufacturer', a."manufacturer"),
                           ('model', a."model"), ('assignedTo', a."assignedTo")) AS v("field", "value")
WHERE v."value" IS NOT NULL;

-- The trigram index after the values, built in one pass. Without its pending list (fastupdate): every
-- search reads this index, and entries left pending until the next vacuum are read one by one by every
-- search (measured: 9 ms instead of 1 for a search that finds nothing among 235,000 values); new values
-- are few and short, written straight into it.
CREATE INDEX "AssetSearchValue_value_trgm_idx" ON "AssetSearchValue" USING GIN ("value" gin_trgm_ops) WITH (fastupdate = off);

-- The planner's statistics of the new table at once.
ANALYZE "AssetSearchValue";
