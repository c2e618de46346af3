-- CreateTable
CREATE TABLE "PcServiceDelta" (
    "entityId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "PcServiceDelta_pkey" PRIMARY KEY ("entityId","day")
);

-- CreateTable
CREATE TABLE "PcServiceYear" (
    "entityId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "PcServiceYear_pkey" PRIMARY KEY ("entityId","year")
);

-- CreateTable
CREATE TABLE "AssetPcService" (
    "assetId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "entityId" UUID NOT NULL,
    "delta" SMALLINT NOT NULL,

    CONSTRAINT "AssetPcService_pkey" PRIMARY KEY ("assetId","day")
);

-- CreateIndex
CREATE INDEX "PcServiceDelta_day_entityId_delta_idx" ON "PcServiceDelta"("day", "entityId", "delta");

-- CreateIndex
CREATE INDEX "Asset_entityId_id_idx" ON "Asset"("entityId", "id");

-- CreateIndex
CREATE INDEX "Asset_warrantyEnd_id_idx" ON "Asset"("warrantyEnd", "id");

-- CreateIndex
CREATE INDEX "Asset_entityId_warrantyEnd_id_idx" ON "Asset"("entityId", "warrantyEnd", "id");

-- CreateIndex
CREATE INDEX "Entity_name_id_idx" ON "Entity"("name", "id");

-- PCs in service per body and day, kept exact by triggers (measured and checked in tests/bench/notes/pc-count-experiments.sql).
-- An asset's status on a date is its latest change effective on or before it (effectiveOn, then recordedAt, then id).
-- The desktop and laptop kinds are written here: if PERSONAL_COMPUTER_KINDS changes, a migration must change them too.

-- Recomputes the steps of the given assets from their current row and history, and moves the
-- per-body totals by the difference. Idempotent: running it twice changes nothing.
CREATE FUNCTION "gea_pc_service_refresh"(asset_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  -- (body, day) and (body, year) totals that reached zero: removed at the end if still zero
  zero_e uuid[] := '{}';
  zero_d date[] := '{}';
  zero_ye uuid[] := '{}';
  zero_y int[] := '{}';
  e uuid[];
  d date[];
  ye uuid[];
  y int[];
BEGIN
  IF asset_ids IS NULL OR cardinality(asset_ids) = 0 THEN
    RETURN;
  END IF;
  -- One refresh of an asset at a time: a concurrent one waits here, and the statements below then
  -- read the history as the other left it (READ COMMITTED takes a new snapshot per statement).
  -- Row locks block neither readers nor foreign-key checks (KEY SHARE). A bulk change locks the
  -- table instead of a million rows.
  IF cardinality(asset_ids) <= 10000 THEN
    PERFORM 1 FROM "Asset" WHERE id = ANY (asset_ids) ORDER BY id FOR NO KEY UPDATE;
  ELSE
    LOCK TABLE "Asset" IN SHARE ROW EXCLUSIVE MODE;
  END IF;

  -- Take the assets' old steps out of the totals ...
  WITH old AS (
    DELETE FROM "AssetPcService" WHERE "assetId" = ANY (asset_ids) RETURNING "entityId", "day", "delta"
  ), by_day AS (
    INSERT INTO "PcServiceDelta" AS t ("entityId", "day", "delta")
    SELECT "entityId", "day", -sum("delta") FROM old GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("entityId", "day") DO UPDATE SET "delta" = t."delta" + excluded."delta"
    RETURNING t."entityId", t."day", t."delta"
  ), by_year AS (
    INSERT INTO "PcServiceYear" AS t ("entityId", "year", "delta")
    SELECT "entityId", extract(year FROM "day")::int, -sum("delta") FROM old GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("entityId", "year") DO UPDATE SET "delta" = t."delta" + excluded."delta"
    RETURNING t."entityId", t."year", t."delta"
  )
  SELECT ARRAY(SELECT "entityId" FROM by_day WHERE "delta" = 0 ORDER BY "entityId", "day"),
         ARRAY(SELECT "day" FROM by_day WHERE "delta" = 0 ORDER BY "entityId", "day"),
         ARRAY(SELECT "entityId" FROM by_year WHERE "delta" = 0 ORDER BY "entityId", "year"),
         ARRAY(SELECT "year" FROM by_year WHERE "delta" = 0 ORDER BY "entityId", "year")
  INTO e, d, ye, y;
  zero_e := zero_e || e; zero_d := zero_d || d; zero_ye := zero_ye || ye; zero_y := zero_y || y;

  -- ... and put their steps, recomputed from their row and history as they are now, back in.
  WITH per_day AS (
    -- the status that holds at the end of each day on which something was recorded
    SELECT DISTINCT ON (s."assetId", s."effectiveOn") s."assetId", s."effectiveOn" AS "day", (s.status = 'IN_SERVICE') AS in_service
    FROM "AssetStatusChange" s
    WHERE s."assetId" = ANY (asset_ids)
    ORDER BY s."assetId", s."effectiveOn", s."recordedAt" DESC, s.id DESC
  ), steps AS (
    SELECT p."assetId", a."entityId", p."day",
           p.in_service::int - coalesce(lag(p.in_service::int) OVER (PARTITION BY p."assetId" ORDER BY p."day"), 0) AS "delta"
    FROM per_day p JOIN "Asset" a ON a.id = p."assetId"
    WHERE a.kind IN ('DESKTOP_PC', 'LAPTOP')
  ), fresh AS (
    INSERT INTO "AssetPcService" ("assetId", "day", "entityId", "delta")
    SELECT "assetId", "day", "entityId", "delta" FROM steps WHERE "delta" <> 0
    RETURNING "entityId", "day", "delta"
  ), by_day AS (
    INSERT INTO "PcServiceDelta" AS t ("entityId", "day", "delta")
    SELECT "entityId", "day", sum("delta") FROM fresh GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("entityId", "day") DO UPDATE SET "delta" = t."delta" + excluded."delta"
    RETURNING t."entityId", t."day", t."delta"
  ), by_year AS (
    INSERT INTO "PcServiceYear" AS t ("entityId", "year", "delta")
    SELECT "entityId", extract(year FROM "day")::int, sum("delta") FROM fresh GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("entityId", "year") DO UPDATE SET "delta" = t."delta" + excluded."delta"
    RETURNING t."entityId", t."year", t."delta"
  )
  SELECT ARRAY(SELECT "entityId" FROM by_day WHERE "delta" = 0 ORDER BY "entityId", "day"),
         ARRAY(SELECT "day" FROM by_day WHERE "delta" = 0 ORDER BY "entityId", "day"),
         ARRAY(SELECT "entityId" FROM by_year WHERE "delta" = 0 ORDER BY "entityId", "year"),
         ARRAY(SELECT "year" FROM by_year WHERE "delta" = 0 ORDER BY "entityId", "year")
  INTO e, d, ye, y;
  zero_e := zero_e || e; zero_d := zero_d || d; zero_ye := zero_ye || ye; zero_y := zero_y || y;

  -- Days and years whose changes cancelled out carry nothing.
  DELETE FROM "PcServiceDelta" t USING unnest(zero_e, zero_d) z(e, d) WHERE t."entityId" = z.e AND t."day" = z.d AND t."delta" = 0;
  DELETE FROM "PcServiceYear" t USING unnest(zero_ye, zero_y) z(e, y) WHERE t."entityId" = z.e AND t."year" = z.y AND t."delta" = 0;
END;
$$;

-- History inserted (in any order), corrected or removed.
CREATE FUNCTION "gea_pc_service_on_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "gea_pc_service_refresh"(ARRAY(SELECT DISTINCT "assetId" FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM "gea_pc_service_refresh"(ARRAY(SELECT "assetId" FROM new_rows UNION SELECT "assetId" FROM old_rows));
  ELSE
    PERFORM "gea_pc_service_refresh"(ARRAY(SELECT DISTINCT "assetId" FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

-- An asset that changes kind (a PC or not) or body, or is deleted.
CREATE FUNCTION "gea_pc_service_on_asset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM "gea_pc_service_refresh"(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.kind IS DISTINCT FROM o.kind OR n."entityId" IS DISTINCT FROM o."entityId"));
  ELSE
    PERFORM "gea_pc_service_refresh"(ARRAY(SELECT id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

-- No history left at all: nothing is in service anywhere (TRUNCATE fires no DELETE trigger).
CREATE FUNCTION "gea_pc_service_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "AssetPcService", "PcServiceDelta", "PcServiceYear";
  RETURN NULL;
END;
$$;

-- Statement-level with transition tables: a bulk import of a million rows is one set-based refresh.
CREATE TRIGGER "AssetStatusChange_pc_service_insert" AFTER INSERT ON "AssetStatusChange"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gea_pc_service_on_history"();
CREATE TRIGGER "AssetStatusChange_pc_service_update" AFTER UPDATE ON "AssetStatusChange"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gea_pc_service_on_history"();
CREATE TRIGGER "AssetStatusChange_pc_service_delete" AFTER DELETE ON "AssetStatusChange"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gea_pc_service_on_history"();
CREATE TRIGGER "AssetStatusChange_pc_service_truncate" AFTER TRUNCATE ON "AssetStatusChange"
  FOR EACH STATEMENT EXECUTE FUNCTION "gea_pc_service_on_truncate"();
CREATE TRIGGER "Asset_pc_service_update" AFTER UPDATE ON "Asset"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "gea_pc_service_on_asset"();
CREATE TRIGGER "Asset_pc_service_delete" AFTER DELETE ON "Asset"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "gea_pc_service_on_asset"();

-- Backfill from the history already there, set-based (no trigger involved).
INSERT INTO "AssetPcService" ("assetId", "day", "entityId", "delta")
SELECT "assetId", "day", "entityId", "delta" FROM (
  SELECT p."assetId", a."entityId", p."day",
         p.in_service::int - coalesce(lag(p.in_service::int) OVER (PARTITION BY p."assetId" ORDER BY p."day"), 0) AS "delta"
  FROM (
    SELECT DISTINCT ON (s."assetId", s."effectiveOn") s."assetId", s."effectiveOn" AS "day", (s.status = 'IN_SERVICE') AS in_service
    FROM "AssetStatusChange" s
    ORDER BY s."assetId", s."effectiveOn", s."recordedAt" DESC, s.id DESC
  ) p JOIN "Asset" a ON a.id = p."assetId"
  WHERE a.kind IN ('DESKTOP_PC', 'LAPTOP')
) steps
WHERE "delta" <> 0;

INSERT INTO "PcServiceDelta" ("entityId", "day", "delta")
SELECT "entityId", "day", sum("delta") FROM "AssetPcService" GROUP BY 1, 2 HAVING sum("delta") <> 0;

INSERT INTO "PcServiceYear" ("entityId", "year", "delta")
SELECT "entityId", extract(year FROM "day")::int, sum("delta") FROM "PcServiceDelta" GROUP BY 1, 2 HAVING sum("delta") <> 0;

