-- DropIndex
DROP INDEX "Comment_status_alertedAt_idx";

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "assigneeMinutes" INTEGER NOT NULL DEFAULT 120,
ADD COLUMN     "brand" JSONB,
ADD COLUMN     "customChannels" JSONB,
ADD COLUMN     "digits" TEXT NOT NULL DEFAULT 'latin',
ADD COLUMN     "reviewSummaryMinutes" INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "jobRoles" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "ScheduledPost" ADD COLUMN     "groupId" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "alertTier" TEXT,
ADD COLUMN     "assignedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ScheduledPost_workspaceId_groupId_idx" ON "ScheduledPost"("workspaceId", "groupId");

-- CreateIndex
CREATE INDEX "Comment_status_alertedAt_createdAt_idx" ON "Comment"("status", "alertedAt", "createdAt");

