// Workspaces (Slack teams) and the state of their installation.
import { isUniqueViolation } from '../errors';
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
  /** ensure() calls without info under way, by id: the first events of a new workspace share one write. */
  private readonly creating = new Map<string, Promise<void>>();

  constructor(private readonly db: Db) {}

  /** True once ensure() stored this workspace (the event hot path then skips the call). */
  isKnown(id: string): boolean {
    return this.known.has(id);
  }

  /**
   * Makes sure the workspace row exists (cached after the first call); info refreshes it. Safe
   * under concurrent callers and replicas: the first events of a new workspace all arrive
   * before its row exists, and each of them creates it if missing.
   */
  async ensure(id: string, info?: WorkspaceInfo): Promise<void> {
    if (info) return this.refresh(id, Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined)));
    if (this.known.has(id)) return;
    const running = this.creating.get(id);
    if (running) return running;
    const create = this.createIfMissing(id).finally(() => this.creating.delete(id));
    this.creating.set(id, create);
    return create;
  }

  /**
   * One INSERT … ON CONFLICT DO NOTHING: atomic on PostgreSQL (Prisma's upsert reads, then
   * inserts, so two new-workspace events inserting at once made one fail on the key), and on
   * SQLite a single write that waits for the lock, where a read-then-write transaction is
   * refused it whenever the event writer committed in between.
   */
  private async createIfMissing(id: string): Promise<void> {
    const now = new Date();
    await this.db.$executeRaw`INSERT INTO "Workspace" ("id", "installedAt", "createdAt", "updatedAt") VALUES (${id}, ${now}, ${now}, ${now}) ON CONFLICT DO NOTHING`;
    this.known.add(id);
  }

  private async refresh(id: string, data: WorkspaceInfo): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.workspace.upsert({ where: { id }, create: { id, ...data }, update: data });
        break;
      } catch (error) {
        // Created by another writer between the upsert's read and its insert: run it again.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
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
  }

  /** A (re)install clears the revoked mark. */
  async markInstalled(id: string, at: Date): Promise<void> {
    await this.ensure(id);
    await this.db.workspace.update({ where: { id }, data: { revokedAt: null, installedAt: at } });
  }
}
