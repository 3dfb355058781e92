-- CreateTable
CREATE TABLE "SeoWatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "maxPages" INTEGER NOT NULL DEFAULT 25,
    "keyword" TEXT,
    "createdById" TEXT NOT NULL,
    "lastRunAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SeoWatch_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SeoCrawl" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "watchId" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "score" INTEGER NOT NULL,
    "pages" JSONB NOT NULL,
    CONSTRAINT "SeoCrawl_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "SeoWatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SeoWatch_lastRunAt_idx" ON "SeoWatch"("lastRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "SeoWatch_workspaceId_url_key" ON "SeoWatch"("workspaceId", "url");

-- CreateIndex
CREATE INDEX "SeoCrawl_watchId_startedAt_idx" ON "SeoCrawl"("watchId", "startedAt");

