-- AlterTable
ALTER TABLE "ScheduledPost" ADD COLUMN "accountId" TEXT;
ALTER TABLE "ScheduledPost" ADD COLUMN "sentAt" DATETIME;

