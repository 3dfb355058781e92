-- CreateTable
CREATE TABLE "Brainstorm" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "request" JSONB NOT NULL,
    "ideas" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'offline',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Brainstorm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Brainstorm_workspaceId_idx" ON "Brainstorm"("workspaceId");

-- AddForeignKey
ALTER TABLE "Brainstorm" ADD CONSTRAINT "Brainstorm_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

