-- CreateEnum
CREATE TYPE "PecReceiptSource" AS ENUM ('DATICERT', 'EML');

-- DropIndex
DROP INDEX "PecReceipt_messageId_identifier_key";

-- AlterTable
ALTER TABLE "PecReceipt" ADD COLUMN     "eml" BYTEA,
ADD COLUMN     "envelopeSignature" JSONB,
ADD COLUMN     "receiptKey" TEXT,
ADD COLUMN     "source" "PecReceiptSource" NOT NULL DEFAULT 'DATICERT';

-- Receipts registered before: their key from their own fields (see receiptKey in
-- plugins/pec-signatures/src/daticert/identity.ts). Receipts that the old per-identificativo rule
-- let in twice under one key keep their rows, the later ones marked with their id.
UPDATE "PecReceipt" SET "receiptKey" = "type"::text || '|' || coalesce("deliveryAddress", '') || '|' || CASE WHEN "type" = 'PRESA_IN_CARICO' THEN "issuer" ELSE '' END;
UPDATE "PecReceipt" r SET "receiptKey" = r."receiptKey" || '|' || r."id"::text
WHERE EXISTS (SELECT 1 FROM "PecReceipt" o WHERE o."messageId" = r."messageId" AND o."receiptKey" = r."receiptKey" AND o."id" < r."id");
ALTER TABLE "PecReceipt" ALTER COLUMN "receiptKey" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "PecReceipt_messageId_receiptKey_key" ON "PecReceipt"("messageId", "receiptKey");
