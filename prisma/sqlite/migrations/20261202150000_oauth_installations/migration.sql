-- Installations through Slack's OAuth flow: one row per workspace, or per organisation for an
-- organisation-wide install, keyed by that id, with token rotation. No earlier version wrote
-- this table (single-token mode keeps its token in the environment), so its rows, if any, are
-- dropped rather than converted.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Installation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "appId" TEXT,
    "botToken" TEXT NOT NULL,
    "botRefreshToken" TEXT,
    "botTokenExpiresAt" DATETIME,
    "botUserId" TEXT NOT NULL,
    "botId" TEXT,
    "botScopes" TEXT,
    "installerUserId" TEXT,
    "raw" JSONB NOT NULL,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
DROP TABLE "Installation";
ALTER TABLE "new_Installation" RENAME TO "Installation";
CREATE INDEX "Installation_botTokenExpiresAt_idx" ON "Installation"("botTokenExpiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

