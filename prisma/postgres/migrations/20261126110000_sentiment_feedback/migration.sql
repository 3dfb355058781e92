-- CreateTable
CREATE TABLE "SentimentFeedback" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "commentId" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "byUser" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SentimentFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentimentOpinion" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentimentOpinion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SentimentFeedback_commentId_key" ON "SentimentFeedback"("commentId");

-- CreateIndex
CREATE INDEX "SentimentFeedback_workspaceId_updatedAt_idx" ON "SentimentFeedback"("workspaceId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SentimentOpinion_workspaceId_key_key" ON "SentimentOpinion"("workspaceId", "key");

-- AddForeignKey
ALTER TABLE "SentimentFeedback" ADD CONSTRAINT "SentimentFeedback_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentimentFeedback" ADD CONSTRAINT "SentimentFeedback_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentimentOpinion" ADD CONSTRAINT "SentimentOpinion_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

