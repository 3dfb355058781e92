-- CreateTable
CREATE TABLE "MetricMonthly" (
    "workspaceId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "campaign" TEXT NOT NULL DEFAULT '',
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "impressions" BIGINT NOT NULL DEFAULT 0,
    "reach" BIGINT NOT NULL DEFAULT 0,
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "spendMinor" BIGINT NOT NULL DEFAULT 0,
    "revenueMinor" BIGINT NOT NULL DEFAULT 0,
    "conversions" BIGINT NOT NULL DEFAULT 0,
    "leads" BIGINT NOT NULL DEFAULT 0,
    "engagements" BIGINT NOT NULL DEFAULT 0,
    "followers" INTEGER NOT NULL DEFAULT 0,
    "emailsSent" BIGINT NOT NULL DEFAULT 0,
    "emailsDelivered" BIGINT NOT NULL DEFAULT 0,
    "emailsOpened" BIGINT NOT NULL DEFAULT 0,
    "emailsClicked" BIGINT NOT NULL DEFAULT 0,
    "emailsUnsubscribed" BIGINT NOT NULL DEFAULT 0,
    "sessions" BIGINT NOT NULL DEFAULT 0,
    "engagedSessions" BIGINT NOT NULL DEFAULT 0,
    "engagementSeconds" BIGINT NOT NULL DEFAULT 0,
    "newUsers" BIGINT NOT NULL DEFAULT 0,
    "returningUsers" BIGINT NOT NULL DEFAULT 0,
    "searchPositionSum" REAL NOT NULL DEFAULT 0,
    "searchImpressions" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("workspaceId", "month", "channel", "campaign"),
    CONSTRAINT "MetricMonthly_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill: the months of the rows already stored (src/reporting/ingest/rollups.ts keeps them after).
INSERT INTO "MetricMonthly" ("workspaceId", "month", "channel", "campaign", "rowCount", "impressions", "reach", "clicks", "spendMinor", "revenueMinor", "conversions", "leads", "engagements", "followers", "emailsSent", "emailsDelivered", "emailsOpened", "emailsClicked", "emailsUnsubscribed", "sessions", "engagedSessions", "engagementSeconds", "newUsers", "returningUsers", "searchPositionSum", "searchImpressions")
SELECT "workspaceId", SUBSTR("date", 1, 7), "channel", "campaign", COUNT(*), SUM("impressions"), SUM("reach"), SUM("clicks"), SUM("spendMinor"), SUM("revenueMinor"), SUM("conversions"), SUM("leads"), SUM("engagements"), MAX("followers"), SUM("emailsSent"), SUM("emailsDelivered"), SUM("emailsOpened"), SUM("emailsClicked"), SUM("emailsUnsubscribed"), SUM("sessions"), SUM("engagedSessions"), SUM("engagementSeconds"), SUM("newUsers"), SUM("returningUsers"), SUM("searchPositionSum"), SUM("searchImpressions")
FROM "MetricDaily"
GROUP BY "workspaceId", SUBSTR("date", 1, 7), "channel", "campaign";
