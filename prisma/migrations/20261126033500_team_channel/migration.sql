-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "teamChannel" TEXT;

