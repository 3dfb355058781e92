-- DropIndex
DROP INDEX "Comment_status_alertedAt_idx";

-- AlterTable
ALTER TABLE "ScheduledPost" ADD COLUMN "groupId" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "alertTier" TEXT;
ALTER TABLE "Comment" ADD COLUMN "assignedAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "reviewedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workspace" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "teamChannel" TEXT,
    "alertChannel" TEXT,
    "digestChannel" TEXT,
    "escalationChannel" TEXT,
    "escalationMinutes" INTEGER NOT NULL DEFAULT 30,
    "alertThreshold" REAL NOT NULL DEFAULT 0,
    "digestCron" TEXT NOT NULL DEFAULT '0 9 * * 1',
    "requireApproval" BOOLEAN NOT NULL DEFAULT false,
    "brand" JSONB,
    "digits" TEXT NOT NULL DEFAULT 'latin',
    "customChannels" JSONB,
    "reviewSummaryMinutes" INTEGER NOT NULL DEFAULT 60,
    "assigneeMinutes" INTEGER NOT NULL DEFAULT 120,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Workspace" ("alertChannel", "alertThreshold", "createdAt", "currency", "digestChannel", "digestCron", "escalationChannel", "escalationMinutes", "externalId", "id", "locale", "name", "platform", "requireApproval", "teamChannel", "timezone", "updatedAt") SELECT "alertChannel", "alertThreshold", "createdAt", "currency", "digestChannel", "digestCron", "escalationChannel", "escalationMinutes", "externalId", "id", "locale", "name", "platform", "requireApproval", "teamChannel", "timezone", "updatedAt" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_platform_externalId_key" ON "Workspace"("platform", "externalId");
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'member',
    "jobRoles" TEXT NOT NULL DEFAULT '',
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("createdAt", "externalId", "id", "locale", "name", "role", "updatedAt", "workspaceId") SELECT "createdAt", "externalId", "id", "locale", "name", "role", "updatedAt", "workspaceId" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE UNIQUE INDEX "Member_workspaceId_externalId_key" ON "Member"("workspaceId", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ScheduledPost_workspaceId_groupId_idx" ON "ScheduledPost"("workspaceId", "groupId");

-- CreateIndex
CREATE INDEX "Comment_status_alertedAt_createdAt_idx" ON "Comment"("status", "alertedAt", "createdAt");

