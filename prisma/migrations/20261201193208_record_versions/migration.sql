-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Association" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "CostSharingRule" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Entity" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Expense" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "PecMailbox" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "PecMessage" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "RegistryOffice" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "SignatureCertificate" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "SoftwareLicence" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "StaffSecondment" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- Optimistic concurrency: every UPDATE of a versioned row raises its version by one, whatever
-- writes it (a resolver through Prisma, an import's batched SQL); a version sent in the UPDATE is
-- ignored, so no writer can set it back. Mutations compare it with the version the client read
-- under a row lock (lockForChange in the plugin kit). A new versioned table needs its trigger too.
CREATE FUNCTION "gea_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Asset_bump_version" BEFORE UPDATE ON "Asset" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Association_bump_version" BEFORE UPDATE ON "Association" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Contract_bump_version" BEFORE UPDATE ON "Contract" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "CostSharingRule_bump_version" BEFORE UPDATE ON "CostSharingRule" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Entity_bump_version" BEFORE UPDATE ON "Entity" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Expense_bump_version" BEFORE UPDATE ON "Expense" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "PecMailbox_bump_version" BEFORE UPDATE ON "PecMailbox" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "PecMessage_bump_version" BEFORE UPDATE ON "PecMessage" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Project_bump_version" BEFORE UPDATE ON "Project" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "RegistryOffice_bump_version" BEFORE UPDATE ON "RegistryOffice" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "SignatureCertificate_bump_version" BEFORE UPDATE ON "SignatureCertificate" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Site_bump_version" BEFORE UPDATE ON "Site" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "SoftwareLicence_bump_version" BEFORE UPDATE ON "SoftwareLicence" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "StaffSecondment_bump_version" BEFORE UPDATE ON "StaffSecondment" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "Supplier_bump_version" BEFORE UPDATE ON "Supplier" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "User_bump_version" BEFORE UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
