-- CreateEnum
CREATE TYPE "JobRunOutcome" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "NotificationEmailStatus" AS ENUM ('NOT_WANTED', 'SKIPPED', 'PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "JobRun" (
    "jobKey" TEXT NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "outcome" "JobRunOutcome" NOT NULL DEFAULT 'RUNNING',
    "error" TEXT,
    "runner" TEXT NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("jobKey","scheduledAt")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "entityId" UUID,
    "title" JSONB NOT NULL,
    "body" JSONB NOT NULL,
    "link" TEXT,
    "inInbox" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),
    "emailStatus" "NotificationEmailStatus" NOT NULL,
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailClaimedAt" TIMESTAMPTZ(3),
    "emailSentAt" TIMESTAMPTZ(3),
    "emailError" TEXT,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "inbox" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateIndex
CREATE INDEX "Notification_recipientId_inInbox_createdAt_id_idx" ON "Notification"("recipientId", "inInbox", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Notification_emailStatus_idx" ON "Notification"("emailStatus");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_kind_subjectKey_recipientId_key" ON "Notification"("kind", "subjectKey", "recipientId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
