-- CreateEnum
CREATE TYPE "IdempotencyKeyState" AS ENUM ('RUNNING', 'DONE');

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "actorKey" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "state" "IdempotencyKeyState" NOT NULL DEFAULT 'RUNNING',
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("actorKey","key")
);

-- CreateIndex
CREATE INDEX "IdempotencyKey_expiresAt_idx" ON "IdempotencyKey"("expiresAt");
