-- CreateTable
CREATE TABLE "SeoWatch" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "maxPages" INTEGER NOT NULL DEFAULT 25,
    "keyword" TEXT,
    "createdById" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeoWatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeoCrawl" (
    "id" SERIAL NOT NULL,
    "watchId" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "score" INTEGER NOT NULL,
    "pages" JSONB NOT NULL,

    CONSTRAINT "SeoCrawl_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SeoWatch_lastRunAt_idx" ON "SeoWatch"("lastRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "SeoWatch_workspaceId_url_key" ON "SeoWatch"("workspaceId", "url");

-- CreateIndex
CREATE INDEX "SeoCrawl_watchId_startedAt_idx" ON "SeoCrawl"("watchId", "startedAt");

-- AddForeignKey
ALTER TABLE "SeoWatch" ADD CONSTRAINT "SeoWatch_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeoCrawl" ADD CONSTRAINT "SeoCrawl_watchId_fkey" FOREIGN KEY ("watchId") REFERENCES "SeoWatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

