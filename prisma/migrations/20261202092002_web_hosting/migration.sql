-- CreateEnum
CREATE TYPE "HostedSiteStatus" AS ENUM ('ACTIVE', 'MAINTENANCE', 'SUSPENDED', 'DECOMMISSIONED');

-- CreateEnum
CREATE TYPE "CmsKind" AS ENUM ('GEA', 'WORDPRESS', 'DRUPAL', 'JOOMLA', 'OTHER');

-- CreateEnum
CREATE TYPE "SiteLinkKind" AS ENUM ('ACCESSIBILITY_DECLARATION', 'PRIVACY', 'LEGAL_NOTES', 'BOOKING', 'REPORT_PROBLEM', 'FAQ');

-- CreateEnum
CREATE TYPE "ContentType" AS ENUM ('SERVIZIO', 'NOTIZIA', 'EVENTO', 'LUOGO', 'DOCUMENTO_PUBBLICO', 'UNITA_ORGANIZZATIVA', 'PERSONA_PUBBLICA', 'PUNTO_DI_CONTATTO', 'DATASET', 'PAGINA');

-- CreateEnum
CREATE TYPE "ContentStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'UNPUBLISHED');

-- CreateEnum
CREATE TYPE "RevisionKind" AS ENUM ('SAVE', 'AUTOSAVE', 'RESTORE');

-- CreateEnum
CREATE TYPE "ServiceProposalStatus" AS ENUM ('OPEN', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "VoteChoice" AS ENUM ('YES', 'NO');

-- CreateTable
CREATE TABLE "HostedSite" (
    "id" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "primaryDomain" TEXT NOT NULL,
    "server" TEXT,
    "cms" "CmsKind" NOT NULL,
    "cmsVersion" TEXT,
    "tlsExpiresOn" DATE,
    "tlsIssuer" TEXT,
    "status" "HostedSiteStatus" NOT NULL DEFAULT 'ACTIVE',
    "reviewRequired" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "HostedSite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteDomainAlias" (
    "domain" TEXT NOT NULL,
    "siteId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteDomainAlias_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "SiteLink" (
    "siteId" UUID NOT NULL,
    "kind" "SiteLinkKind" NOT NULL,
    "url" TEXT,
    "contentItemId" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SiteLink_pkey" PRIMARY KEY ("siteId","kind")
);

-- CreateTable
CREATE TABLE "SitePublicationStamp" (
    "siteId" UUID NOT NULL,
    "stamp" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SitePublicationStamp_pkey" PRIMARY KEY ("siteId")
);

-- CreateTable
CREATE TABLE "CmsVersionPolicy" (
    "cms" "CmsKind" NOT NULL,
    "minimumVersion" TEXT NOT NULL,
    "latestVersion" TEXT,
    "note" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CmsVersionPolicy_pkey" PRIMARY KEY ("cms")
);

-- CreateTable
CREATE TABLE "ContentItem" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "type" "ContentType" NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "ContentStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "parentId" UUID,
    "headRevisionId" UUID,
    "publishedRevisionId" UUID,
    "firstPublishedAt" TIMESTAMPTZ(3),
    "lastPublishedAt" TIMESTAMPTZ(3),
    "reviewRevisionId" UUID,
    "publishAt" TIMESTAMPTZ(3),
    "scheduledRevisionId" UUID,
    "unpublishAt" TIMESTAMPTZ(3),
    "publishedTopics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "publishedSortDate" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ContentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentRevision" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "RevisionKind" NOT NULL,
    "restoredFrom" INTEGER,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contentHash" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentAttachment" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "itemId" UUID,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PreviewToken" (
    "tokenHash" TEXT NOT NULL,
    "itemId" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreviewToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "PageFeedback" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "itemId" UUID,
    "path" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "reason" TEXT,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnlineService" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OnlineService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnlineServiceOffering" (
    "serviceId" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "since" DATE NOT NULL,
    "url" TEXT,

    CONSTRAINT "OnlineServiceOffering_pkey" PRIMARY KEY ("serviceId","entityId")
);

-- CreateTable
CREATE TABLE "ServiceProposal" (
    "id" UUID NOT NULL,
    "associationId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "proposedByEntityId" UUID NOT NULL,
    "proposedById" UUID NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closesOn" DATE,
    "status" "ServiceProposalStatus" NOT NULL DEFAULT 'OPEN',
    "decidedAt" TIMESTAMPTZ(3),
    "decisionYesVotes" INTEGER,
    "decisionMembers" INTEGER,
    "serviceId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ServiceProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceProposalVote" (
    "proposalId" UUID NOT NULL,
    "entityId" UUID NOT NULL,
    "choice" "VoteChoice" NOT NULL,
    "votedById" UUID NOT NULL,
    "votedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "ServiceProposalVote_pkey" PRIMARY KEY ("proposalId","entityId")
);

-- CreateIndex
CREATE UNIQUE INDEX "HostedSite_slug_key" ON "HostedSite"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "HostedSite_primaryDomain_key" ON "HostedSite"("primaryDomain");

-- CreateIndex
CREATE INDEX "HostedSite_entityId_idx" ON "HostedSite"("entityId");

-- CreateIndex
CREATE INDEX "SiteDomainAlias_siteId_idx" ON "SiteDomainAlias"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "ContentItem_headRevisionId_key" ON "ContentItem"("headRevisionId");

-- CreateIndex
CREATE UNIQUE INDEX "ContentItem_publishedRevisionId_key" ON "ContentItem"("publishedRevisionId");

-- CreateIndex
CREATE UNIQUE INDEX "ContentItem_reviewRevisionId_key" ON "ContentItem"("reviewRevisionId");

-- CreateIndex
CREATE INDEX "ContentItem_siteId_type_status_publishedSortDate_idx" ON "ContentItem"("siteId", "type", "status", "publishedSortDate");

-- CreateIndex
CREATE INDEX "ContentItem_publishedTopics_idx" ON "ContentItem" USING GIN ("publishedTopics");

-- CreateIndex
CREATE INDEX "ContentItem_parentId_idx" ON "ContentItem"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "ContentItem_siteId_type_slug_key" ON "ContentItem"("siteId", "type", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "ContentRevision_itemId_number_key" ON "ContentRevision"("itemId", "number");

-- CreateIndex
CREATE INDEX "ContentAttachment_siteId_idx" ON "ContentAttachment"("siteId");

-- CreateIndex
CREATE INDEX "ContentAttachment_itemId_idx" ON "ContentAttachment"("itemId");

-- CreateIndex
CREATE INDEX "PreviewToken_itemId_idx" ON "PreviewToken"("itemId");

-- CreateIndex
CREATE INDEX "PageFeedback_siteId_createdAt_idx" ON "PageFeedback"("siteId", "createdAt");

-- CreateIndex
CREATE INDEX "PageFeedback_itemId_idx" ON "PageFeedback"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineService_associationId_name_key" ON "OnlineService"("associationId", "name");

-- CreateIndex
CREATE INDEX "OnlineServiceOffering_entityId_idx" ON "OnlineServiceOffering"("entityId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceProposal_serviceId_key" ON "ServiceProposal"("serviceId");

-- CreateIndex
CREATE INDEX "ServiceProposal_associationId_status_idx" ON "ServiceProposal"("associationId", "status");

-- CreateIndex
CREATE INDEX "ServiceProposalVote_entityId_idx" ON "ServiceProposalVote"("entityId");

-- AddForeignKey
ALTER TABLE "HostedSite" ADD CONSTRAINT "HostedSite_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteDomainAlias" ADD CONSTRAINT "SiteDomainAlias_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "HostedSite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteLink" ADD CONSTRAINT "SiteLink_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "HostedSite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteLink" ADD CONSTRAINT "SiteLink_contentItemId_fkey" FOREIGN KEY ("contentItemId") REFERENCES "ContentItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SitePublicationStamp" ADD CONSTRAINT "SitePublicationStamp_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "HostedSite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "HostedSite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ContentItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_headRevisionId_fkey" FOREIGN KEY ("headRevisionId") REFERENCES "ContentRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_publishedRevisionId_fkey" FOREIGN KEY ("publishedRevisionId") REFERENCES "ContentRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_reviewRevisionId_fkey" FOREIGN KEY ("reviewRevisionId") REFERENCES "ContentRevision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentRevision" ADD CONSTRAINT "ContentRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentRevision" ADD CONSTRAINT "ContentRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentAttachment" ADD CONSTRAINT "ContentAttachment_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "HostedSite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentAttachment" ADD CONSTRAINT "ContentAttachment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentAttachment" ADD CONSTRAINT "ContentAttachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreviewToken" ADD CONSTRAINT "PreviewToken_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreviewToken" ADD CONSTRAINT "PreviewToken_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ContentRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageFeedback" ADD CONSTRAINT "PageFeedback_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "HostedSite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageFeedback" ADD CONSTRAINT "PageFeedback_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineService" ADD CONSTRAINT "OnlineService_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineServiceOffering" ADD CONSTRAINT "OnlineServiceOffering_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "OnlineService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineServiceOffering" ADD CONSTRAINT "OnlineServiceOffering_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposal" ADD CONSTRAINT "ServiceProposal_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposal" ADD CONSTRAINT "ServiceProposal_proposedByEntityId_fkey" FOREIGN KEY ("proposedByEntityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposal" ADD CONSTRAINT "ServiceProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposal" ADD CONSTRAINT "ServiceProposal_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "OnlineService"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposalVote" ADD CONSTRAINT "ServiceProposalVote_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "ServiceProposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposalVote" ADD CONSTRAINT "ServiceProposalVote_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceProposalVote" ADD CONSTRAINT "ServiceProposalVote_votedById_fkey" FOREIGN KEY ("votedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Optimistic concurrency: every UPDATE raises the row's version by one (added by db:migration).
CREATE TRIGGER "HostedSite_bump_version" BEFORE UPDATE ON "HostedSite" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "ContentItem_bump_version" BEFORE UPDATE ON "ContentItem" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "OnlineService_bump_version" BEFORE UPDATE ON "OnlineService" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
CREATE TRIGGER "ServiceProposal_bump_version" BEFORE UPDATE ON "ServiceProposal" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();
-- What Prisma cannot say (web-hosting).
-- A site's address in the path of the front end and of the public API: lowercase words and hyphens.
ALTER TABLE "HostedSite" ADD CONSTRAINT "HostedSite_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "HostedSite" ADD CONSTRAINT "HostedSite_primaryDomain_check" CHECK ("primaryDomain" = lower("primaryDomain"));
ALTER TABLE "SiteDomainAlias" ADD CONSTRAINT "SiteDomainAlias_domain_check" CHECK ("domain" = lower("domain"));
-- A required link points at an address or at a page of the site, never both, never neither.
ALTER TABLE "SiteLink" ADD CONSTRAINT "SiteLink_target_check" CHECK (("url" IS NULL) <> ("contentItemId" IS NULL));
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_parent_check" CHECK ("parentId" IS NULL OR "parentId" <> "id");
-- Published means a published revision, and the other way round.
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_published_check" CHECK (("status" = 'PUBLISHED') = ("publishedRevisionId" IS NOT NULL));
ALTER TABLE "ContentItem" ADD CONSTRAINT "ContentItem_schedule_check" CHECK (("publishAt" IS NULL) = ("scheduledRevisionId" IS NULL));
ALTER TABLE "ContentRevision" ADD CONSTRAINT "ContentRevision_number_check" CHECK ("number" >= 1);
ALTER TABLE "ContentRevision" ADD CONSTRAINT "ContentRevision_restoredFrom_check" CHECK (("kind" = 'RESTORE') = ("restoredFrom" IS NOT NULL) AND ("restoredFrom" IS NULL OR "restoredFrom" < "number"));
ALTER TABLE "ContentAttachment" ADD CONSTRAINT "ContentAttachment_size_check" CHECK ("size" >= 0 AND "size" = octet_length("data"));
ALTER TABLE "PageFeedback" ADD CONSTRAINT "PageFeedback_rating_check" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "PageFeedback" ADD CONSTRAINT "PageFeedback_text_check" CHECK (char_length(coalesce("comment", '')) <= 200 AND char_length("path") <= 500);
ALTER TABLE "SitePublicationStamp" ADD CONSTRAINT "SitePublicationStamp_stamp_check" CHECK ("stamp" >= 0);
-- A decision carries its counts and its date; an open proposal carries none.
ALTER TABLE "ServiceProposal" ADD CONSTRAINT "ServiceProposal_decision_check" CHECK (
  ("status" IN ('APPROVED', 'REJECTED')) = ("decidedAt" IS NOT NULL AND "decisionYesVotes" IS NOT NULL AND "decisionMembers" IS NOT NULL)
  AND ("decisionYesVotes" IS NULL OR ("decisionYesVotes" >= 0 AND "decisionYesVotes" <= "decisionMembers"))
  AND ("status" <> 'APPROVED' OR 2 * "decisionYesVotes" >= "decisionMembers")
);
