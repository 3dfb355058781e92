-- DropIndex
DROP INDEX "MetricDaily_report_idx";

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "postingSlots" JSONB,
ADD COLUMN     "roleDigests" JSONB,
ADD COLUMN     "utmTagging" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ScheduledPost" ADD COLUMN     "engagements" INTEGER,
ADD COLUMN     "impressions" INTEGER,
ADD COLUMN     "metricsAt" TIMESTAMP(3),
ADD COLUMN     "seriesId" INTEGER;

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "expiryNotice" TEXT,
ADD COLUMN     "scopes" TEXT;

-- AlterTable
ALTER TABLE "MetricDaily" ADD COLUMN     "emailsUnsubscribed" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PostSeries" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "rule" JSONB NOT NULL,
    "template" JSONB NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),
    "generatedUntil" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "codeVerifier" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MediaFile" (
    "id" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "path" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "durationMs" INTEGER,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PostSeries_status_generatedUntil_idx" ON "PostSeries"("status", "generatedUntil");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "MediaFile_workspaceId_createdAt_idx" ON "MediaFile"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ScheduledPost_seriesId_publishAt_idx" ON "ScheduledPost"("seriesId", "publishAt");

-- CreateIndex
CREATE INDEX "MetricDaily_report_idx" ON "MetricDaily"("workspaceId", "channel", "campaign", "date", "impressions", "reach", "clicks", "spendMinor", "revenueMinor", "conversions", "leads", "engagements", "followers", "emailsSent", "emailsDelivered", "emailsOpened", "emailsClicked", "emailsUnsubscribed", "sessions", "engagedSessions", "engagementSeconds", "newUsers", "returningUsers", "searchPositionSum", "searchImpressions");

-- AddForeignKey
ALTER TABLE "PostSeries" ADD CONSTRAINT "PostSeries_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthState" ADD CONSTRAINT "OAuthState_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaFile" ADD CONSTRAINT "MediaFile_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

