-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "replyDraft" TEXT;
ALTER TABLE "Comment" ADD COLUMN "repliedAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "repliedBy" TEXT;
ALTER TABLE "Comment" ADD COLUMN "replyId" TEXT;
