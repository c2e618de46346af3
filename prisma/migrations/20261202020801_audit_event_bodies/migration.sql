-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "entityIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- Backfill: every existing record concerns the one body it named. The trail is append-only (its
-- trigger refuses UPDATE); only this migration, which adds the column, fills it in for the past.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
UPDATE "AuditEvent" SET "entityIds" = ARRAY["entityId"] WHERE "entityId" IS NOT NULL;
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";

-- CreateIndex
CREATE INDEX "AuditEvent_entityIds_idx" ON "AuditEvent" USING GIN ("entityIds");
