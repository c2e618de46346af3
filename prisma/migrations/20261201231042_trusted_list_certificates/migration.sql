-- CreateTable
CREATE TABLE "TrustedListCertificate" (
    "id" UUID NOT NULL,
    "territory" CHAR(2) NOT NULL,
    "listSequenceNumber" INTEGER,
    "fingerprint" CHAR(64) NOT NULL,
    "der" BYTEA NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3) NOT NULL,
    "providerName" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "serviceType" TEXT NOT NULL,
    "serviceStatus" TEXT NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustedListCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrustedListCertificate_importedAt_idx" ON "TrustedListCertificate"("importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrustedListCertificate_territory_fingerprint_key" ON "TrustedListCertificate"("territory", "fingerprint");
