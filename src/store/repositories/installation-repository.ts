// Installations made through Slack's OAuth flow: one row per workspace, or per Enterprise Grid
// organisation for an organisation-wide install (keyed by the enterprise id). Holds the bot
// token, and under token rotation its refresh token and expiry; a refresh happens under a row
// lock, so two replicas never spend the same refresh token.
import type { StoreKind } from '../database-url';
import type { Db, Prisma } from '../prisma-client';

export type InstallationRow = Prisma.InstallationGetPayload<object>;

export interface InstallationInput {
  id: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botToken: string;
  botRefreshToken: string | null;
  botTokenExpiresAt: Date | null;
  botUserId: string;
  botId: string | null;
  botScopes: string | null;
  installerUserId: string | null;
  raw: Prisma.InputJsonValue;
}

/** New tokens from a refresh. */
export interface RefreshedTokens {
  botToken: string;
  botRefreshToken: string;
  botTokenExpiresAt: Date;
}

export class InstallationRepository {
  constructor(
    private readonly db: Db,
    private readonly kind: StoreKind,
  ) {}

  /** Stores an install or a reinstall: the tokens are replaced and a revoked installation works again. */
  async save(input: InstallationInput, at = new Date()): Promise<InstallationRow> {
    const data = { ...input, installedAt: at, revokedAt: null };
    return this.db.installation.upsert({ where: { id: input.id }, create: data, update: data });
  }

  async get(id: string): Promise<InstallationRow | null> {
    return this.db.installation.findUnique({ where: { id } });
  }

  /**
   * The installation a workspace's Web API calls use: its own, else its organisation's
   * org-wide one (revoked or not: callers decide). Null when neither exists.
   */
  async forWorkspace(workspaceId: string): Promise<InstallationRow | null> {
    const own = await this.get(workspaceId);
    if (own) return own;
    const workspace = await this.db.workspace.findUnique({ where: { id: workspaceId }, select: { enterpriseId: true } });
    const org = workspace?.enterpriseId ? await this.get(workspace.enterpriseId) : null;
    return org?.isEnterpriseInstall ? org : null;
  }

  /** Every installation, revoked ones included (the CLI shows them). */
  async list(): Promise<InstallationRow[]> {
    return this.db.installation.findMany({ orderBy: { id: 'asc' } });
  }

  /** Installations that work (not revoked), for the in-memory table of each replica. */
  async active(): Promise<InstallationRow[]> {
    return this.db.installation.findMany({ where: { revokedAt: null } });
  }

  /** app_uninstalled / tokens_revoked: no Web API calls with it until a reinstall. */
  async markRevoked(id: string, at: Date): Promise<boolean> {
    const result = await this.db.installation.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return result.count > 0;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.installation.deleteMany({ where: { id } });
    return result.count > 0;
  }

  /** Working installations whose token expires before `before` (token rotation). */
  async expiringBefore(before: Date): Promise<InstallationRow[]> {
    return this.db.installation.findMany({ where: { revokedAt: null, botRefreshToken: { not: null }, botTokenExpiresAt: { lt: before } } });
  }

  /**
   * Refreshes one installation's token under a row lock: `refresh` sees the row as it is after
   * the lock is taken (another replica may have refreshed it meanwhile: then it returns null and
   * nothing is written) and returns the new tokens to store. Returns the row as it ends up.
   */
  async refreshLocked(id: string, refresh: (row: InstallationRow) => Promise<RefreshedTokens | null>): Promise<InstallationRow | null> {
    return this.db.$transaction(
      async (tx) => {
        if (this.kind === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "Installation" WHERE "id" = ${id} FOR UPDATE`;
        // SQLite: write first, so this transaction holds the write lock before it reads.
        else await tx.$executeRawUnsafe('UPDATE "Installation" SET "id" = "id" WHERE 0');
        const row = await tx.installation.findUnique({ where: { id } });
        if (!row || row.revokedAt) return row;
        const tokens = await refresh(row);
        if (!tokens) return row;
        return tx.installation.update({ where: { id }, data: tokens });
      },
      // The refresh is a call to Slack inside the transaction: give it time.
      { timeout: 30_000, maxWait: 10_000 },
    );
  }
}
