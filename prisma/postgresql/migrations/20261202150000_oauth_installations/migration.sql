-- Installations through Slack's OAuth flow: one row per workspace, or per organisation for an
-- organisation-wide install, keyed by that id, with token rotation. No earlier version wrote
-- this table (single-token mode keeps its token in the environment), so it is made anew
-- rather than converted.

-- DropTable
DROP TABLE "Installation";

-- CreateTable
CREATE TABLE "Installation" (
    "id" TEXT NOT NULL,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "appId" TEXT,
    "botToken" TEXT NOT NULL,
    "botRefreshToken" TEXT,
    "botTokenExpiresAt" TIMESTAMP(3),
    "botUserId" TEXT NOT NULL,
    "botId" TEXT,
    "botScopes" TEXT,
    "installerUserId" TEXT,
    "raw" JSONB NOT NULL,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Installation_botTokenExpiresAt_idx" ON "Installation"("botTokenExpiresAt");
