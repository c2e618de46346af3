-- CreateEnum
CREATE TYPE "PecDirection" AS ENUM ('OUTGOING', 'INCOMING');

-- CreateEnum
CREATE TYPE "PecMessageState" AS ENUM ('SENT', 'ACCEPTED', 'PARTIALLY_DELIVERED', 'DELIVERED', 'ERROR', 'RECEIVED');

-- CreateEnum
CREATE TYPE "PecRecipientKind" AS ENUM ('CERTIFIED', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "PecRecipientState" AS ENUM ('PENDING', 'DELIVERED', 'ERROR');

-- CreateEnum
CREATE TYPE "PecReceiptType" AS ENUM ('ACCETTAZIONE', 'NON_ACCETTAZIONE', 'PRESA_IN_CARICO', 'AVVENUTA_CONSEGNA', 'POSTA_CERTIFICATA', 'ERRORE_CONSEGNA', 'PREAVVISO_ERRORE_CONSEGNA', 'RILEVAZIONE_VIRUS');

-- CreateEnum
CREATE TYPE "SignatureDeviceType" AS ENUM ('SMART_CARD', 'USB_TOKEN', 'REMOTE');

-- CreateEnum
CREATE TYPE "SignatureCertificateStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'REVOKED');

-- CreateTable
CREATE TABLE "RegistryOffice" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "protocolSystemName" TEXT,
    "protocolApiTokenId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RegistryOffice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PecMailbox" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "registryOfficeId" UUID,
    "address" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "quotaMb" INTEGER NOT NULL,
    "contractReference" TEXT,
    "expiresOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PecMailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PecMailboxUser" (
    "mailboxId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "PecMailboxUser_pkey" PRIMARY KEY ("mailboxId","userId")
);

-- CreateTable
CREATE TABLE "PecMessage" (
    "id" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "direction" "PecDirection" NOT NULL,
    "messageId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "protocolNumber" TEXT,
    "protocolDate" DATE,
    "state" "PecMessageState" NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PecMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PecRecipient" (
    "id" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "kind" "PecRecipientKind",
    "state" "PecRecipientState" NOT NULL DEFAULT 'PENDING',
    "deliveredAt" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "PecRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PecReceipt" (
    "id" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "type" "PecReceiptType" NOT NULL,
    "error" TEXT NOT NULL,
    "errorDetail" TEXT,
    "identifier" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "receiptKind" TEXT,
    "deliveryAddress" TEXT,
    "sender" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "recipients" JSONB NOT NULL,
    "xml" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PecReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignatureCertificate" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "holderName" TEXT NOT NULL,
    "holderTaxCode" CHAR(16) NOT NULL,
    "deviceType" "SignatureDeviceType" NOT NULL,
    "deviceSerialNumber" TEXT,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3) NOT NULL,
    "status" "SignatureCertificateStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignatureCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegistryOffice_protocolApiTokenId_idx" ON "RegistryOffice"("protocolApiTokenId");

-- CreateIndex
CREATE UNIQUE INDEX "RegistryOffice_entityId_code_key" ON "RegistryOffice"("entityId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "PecMailbox_address_key" ON "PecMailbox"("address");

-- CreateIndex
CREATE INDEX "PecMailbox_entityId_idx" ON "PecMailbox"("entityId");

-- CreateIndex
CREATE INDEX "PecMailbox_registryOfficeId_idx" ON "PecMailbox"("registryOfficeId");

-- CreateIndex
CREATE INDEX "PecMailbox_expiresOn_idx" ON "PecMailbox"("expiresOn");

-- CreateIndex
CREATE INDEX "PecMailboxUser_userId_idx" ON "PecMailboxUser"("userId");

-- CreateIndex
CREATE INDEX "PecMessage_entityId_registeredAt_idx" ON "PecMessage"("entityId", "registeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "PecMessage_mailboxId_direction_messageId_key" ON "PecMessage"("mailboxId", "direction", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "PecRecipient_messageId_address_key" ON "PecRecipient"("messageId", "address");

-- CreateIndex
CREATE INDEX "PecReceipt_messageId_issuedAt_idx" ON "PecReceipt"("messageId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PecReceipt_messageId_identifier_key" ON "PecReceipt"("messageId", "identifier");

-- CreateIndex
CREATE INDEX "SignatureCertificate_entityId_validTo_idx" ON "SignatureCertificate"("entityId", "validTo");

-- CreateIndex
CREATE UNIQUE INDEX "SignatureCertificate_issuer_serialNumber_key" ON "SignatureCertificate"("issuer", "serialNumber");

-- AddForeignKey
ALTER TABLE "RegistryOffice" ADD CONSTRAINT "RegistryOffice_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistryOffice" ADD CONSTRAINT "RegistryOffice_protocolApiTokenId_fkey" FOREIGN KEY ("protocolApiTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecMailbox" ADD CONSTRAINT "PecMailbox_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecMailbox" ADD CONSTRAINT "PecMailbox_registryOfficeId_fkey" FOREIGN KEY ("registryOfficeId") REFERENCES "RegistryOffice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecMailboxUser" ADD CONSTRAINT "PecMailboxUser_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "PecMailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecMailboxUser" ADD CONSTRAINT "PecMailboxUser_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecMessage" ADD CONSTRAINT "PecMessage_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "PecMailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecMessage" ADD CONSTRAINT "PecMessage_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecRecipient" ADD CONSTRAINT "PecRecipient_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PecMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PecReceipt" ADD CONSTRAINT "PecReceipt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "PecMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignatureCertificate" ADD CONSTRAINT "SignatureCertificate_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
