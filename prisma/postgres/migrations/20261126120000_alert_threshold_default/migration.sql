-- AlterTable
ALTER TABLE "Workspace" ALTER COLUMN "alertThreshold" SET DEFAULT 0;

