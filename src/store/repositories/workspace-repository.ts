// Workspaces (Slack teams) and the state of their installation.
import type { Db, Prisma } from '../prisma-client';

export type WorkspaceRow = Prisma.WorkspaceGetPayload<object>;

export interface WorkspaceInfo {
  name?: string | null;
  domain?: string | null;
  enterpriseId?: string | null;
  botUserId?: string | null;
  botId?: string | null;
  appId?: string | null;
}

export class WorkspaceRepository {
  private readonly known = new Set<string>();

  constructor(private readonly db: Db) {}

  /** True once ensure() stored this workspace (the event hot path then skips the call). */
  isKnown(id: string): boolean {
    return this.known.has(id);
  }

  /** Makes sure the workspace row exists (cached after the first call); info refreshes it. */
  async ensure(id: string, info?: WorkspaceInfo): Promise<void> {
    if (!info && this.known.has(id)) return;
    const data = Object.fromEntries(Object.entries(info ?? {}).filter(([, v]) => v !== undefined));
    await this.db.workspace.upsert({ where: { id }, create: { id, ...data }, update: data });
    this.known.add(id);
  }

  async get(id: string): Promise<WorkspaceRow | null> {
    return this.db.workspace.findUnique({ where: { id } });
  }

  async list(): Promise<WorkspaceRow[]> {
    return this.db.workspace.findMany({ orderBy: { id: 'asc' } });
  }

  /** app_uninstalled / tokens_revoked: the workspace's installation no longer works. */
  async markRevoked(id: string, at: Date): Promise<void> {
    await this.ensure(id);
    await this.db.workspace.update({ where: { id }, data: { revokedAt: at } });
    await this.db.installation.updateMany({ where: { workspaceId: id, revokedAt: null }, data: { revokedAt: at } });
  }

  /** A (re)install clears the revoked mark. */
  async markInstalled(id: string, at: Date): Promise<void> {
    await this.ensure(id);
    await this.db.workspace.update({ where: { id }, data: { revokedAt: null, installedAt: at } });
  }
}
