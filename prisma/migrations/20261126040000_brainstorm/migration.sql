-- CreateTable
CREATE TABLE "Brainstorm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "request" JSONB NOT NULL,
    "ideas" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'offline',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Brainstorm_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Brainstorm_workspaceId_idx" ON "Brainstorm"("workspaceId");

