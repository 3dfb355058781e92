-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workspace" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "teamChannel" TEXT,
    "alertChannel" TEXT,
    "digestChannel" TEXT,
    "escalationChannel" TEXT,
    "escalationMinutes" INTEGER NOT NULL DEFAULT 30,
    "alertThreshold" REAL NOT NULL DEFAULT 0,
    "digestCron" TEXT NOT NULL DEFAULT '0 9 * * 1',
    "requireApproval" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Workspace" ("alertChannel", "alertThreshold", "createdAt", "currency", "digestChannel", "digestCron", "escalationChannel", "escalationMinutes", "externalId", "id", "locale", "name", "platform", "requireApproval", "teamChannel", "timezone", "updatedAt") SELECT "alertChannel", "alertThreshold", "createdAt", "currency", "digestChannel", "digestCron", "escalationChannel", "escalationMinutes", "externalId", "id", "locale", "name", "platform", "requireApproval", "teamChannel", "timezone", "updatedAt" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_platform_externalId_key" ON "Workspace"("platform", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

