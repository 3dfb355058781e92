-- AlterTable
ALTER TABLE "ScheduledPost" ADD COLUMN "engagements" INTEGER;
ALTER TABLE "ScheduledPost" ADD COLUMN "impressions" INTEGER;
ALTER TABLE "ScheduledPost" ADD COLUMN "metricsAt" DATETIME;
ALTER TABLE "ScheduledPost" ADD COLUMN "seriesId" INTEGER;

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "Integration" ADD COLUMN "expiryNotice" TEXT;
ALTER TABLE "Integration" ADD COLUMN "scopes" TEXT;

-- CreateTable
CREATE TABLE "PostSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "rule" JSONB NOT NULL,
    "template" JSONB NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "until" DATETIME,
    "generatedUntil" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PostSeries_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "codeVerifier" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OAuthState_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MediaFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MediaFile_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (added columns, so the table is not rebuilt)
ALTER TABLE "Workspace" ADD COLUMN "roleDigests" JSONB;
ALTER TABLE "Workspace" ADD COLUMN "postingSlots" JSONB;
ALTER TABLE "Workspace" ADD COLUMN "utmTagging" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "PostSeries_status_generatedUntil_idx" ON "PostSeries"("status", "generatedUntil");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "MediaFile_workspaceId_createdAt_idx" ON "MediaFile"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ScheduledPost_seriesId_publishAt_idx" ON "ScheduledPost"("seriesId", "publishAt");


-- AlterTable: email unsubscribes per day and campaign (the automation part of the digest)
ALTER TABLE "MetricDaily" ADD COLUMN "emailsUnsubscribed" INTEGER NOT NULL DEFAULT 0;
DROP INDEX "MetricDaily_report_idx";
CREATE INDEX "MetricDaily_report_idx" ON "MetricDaily"("workspaceId", "channel", "campaign", "date", "impressions", "reach", "clicks", "spendMinor", "revenueMinor", "conversions", "leads", "engagements", "followers", "emailsSent", "emailsDelivered", "emailsOpened", "emailsClicked", "emailsUnsubscribed", "sessions", "engagedSessions", "engagementSeconds", "newUsers", "returningUsers", "searchPositionSum", "searchImpressions");
