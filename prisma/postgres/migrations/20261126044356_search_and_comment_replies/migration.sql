-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "repliedAt" TIMESTAMP(3),
ADD COLUMN     "repliedBy" TEXT,
ADD COLUMN     "replyDraft" TEXT,
ADD COLUMN     "replyId" TEXT;

-- AlterTable
ALTER TABLE "MetricDaily" ADD COLUMN     "searchImpressions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchPositionSum" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "MetricDaily_report_idx" ON "MetricDaily"("workspaceId", "channel", "campaign", "date", "impressions", "reach", "clicks", "spendMinor", "revenueMinor", "conversions", "leads", "engagements", "followers", "emailsSent", "emailsDelivered", "emailsOpened", "emailsClicked", "sessions", "engagedSessions", "engagementSeconds", "newUsers", "returningUsers", "searchPositionSum", "searchImpressions");

