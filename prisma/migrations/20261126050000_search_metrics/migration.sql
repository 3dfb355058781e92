-- Search Console average position, stored weighted by impressions so averages over ranges are exact.
-- (prisma migrate diff redefines the whole table here; adding the columns in place gives the same shape.)
ALTER TABLE "MetricDaily" ADD COLUMN "searchPositionSum" REAL NOT NULL DEFAULT 0;
ALTER TABLE "MetricDaily" ADD COLUMN "searchImpressions" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex: reports group by channel and campaign straight out of this covering index.
CREATE INDEX "MetricDaily_report_idx" ON "MetricDaily"("workspaceId", "channel", "campaign", "date", "impressions", "reach", "clicks", "spendMinor", "revenueMinor", "conversions", "leads", "engagements", "followers", "emailsSent", "emailsDelivered", "emailsOpened", "emailsClicked", "sessions", "engagedSessions", "engagementSeconds", "newUsers", "returningUsers", "searchPositionSum", "searchImpressions");
