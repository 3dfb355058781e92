-- AlterTable
ALTER TABLE "ScheduledPost" ADD COLUMN     "accountId" TEXT,
ADD COLUMN     "sentAt" TIMESTAMP(3);

