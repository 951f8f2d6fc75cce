// Channels the bot has seen, whether each is collected, and admins' opt-ins for private ones.
import { channelRowId } from '../ids';
import type { Db, Prisma } from '../prisma-client';

export interface ChannelInfo {
  name?: string | null;
  isPrivate?: boolean;
  isArchived?: boolean;
  isShared?: boolean;
}

export type ChannelRow = Prisma.ChannelGetPayload<object>;

/** Public channels are collected by default; private ones only when an admin opts them in. */
export function isCollected(isPrivate: boolean, override: boolean | null): boolean {
  return override ?? !isPrivate;
}

export class ChannelRepository {
  constructor(private readonly db: Db) {}

  /** Creates or refreshes a channel; keeps an admin's override and recomputes isCollected. */
  async upsert(workspaceId: string, slackChannelId: string, info: ChannelInfo, fetchedAt?: Date): Promise<ChannelRow> {
    const id = channelRowId(workspaceId, slackChannelId);
    return this.db.$transaction(async (tx) => {
      const existing = await tx.channel.findUnique({ where: { id } });
      const isPrivate = info.isPrivate ?? existing?.isPrivate ?? false;
      const data = {
        ...(info.name !== undefined ? { name: info.name } : {}),
        ...(info.isArchived !== undefined ? { isArchived: info.isArchived } : {}),
        ...(info.isShared !== undefined ? { isShared: info.isShared } : {}),
        ...(fetchedAt ? { infoFetchedAt: fetchedAt } : {}),
        isPrivate,
        isCollected: isCollected(isPrivate, existing?.collectOverride ?? null),
      };
      return tx.channel.upsert({ where: { id }, create: { id, workspaceId, slackChannelId, ...data }, update: data });
    });
  }

  async get(workspaceId: string, slackChannelId: string): Promise<ChannelRow | null> {
    return this.db.channel.findUnique({ where: { id: channelRowId(workspaceId, slackChannelId) } });
  }

  /**
   * Sets an admin's choice for a channel: true = collect (opt a private channel in),
   * false = never collect, null = back to the default.
   */
  async setCollectOverride(workspaceId: string, slackChannelId: string, override: boolean | null): Promise<ChannelRow> {
    const id = channelRowId(workspaceId, slackChannelId);
    const existing = await this.db.channel.findUnique({ where: { id } });
    const isPrivate = existing?.isPrivate ?? slackChannelId.startsWith('G');
    const data = { collectOverride: override, isCollected: isCollected(isPrivate, override) };
    return this.db.channel.upsert({
      where: { id },
      create: { id, workspaceId, slackChannelId, isPrivate, ...data },
      update: data,
    });
  }

  async list(workspaceId: string): Promise<ChannelRow[]> {
    return this.db.channel.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } });
  }
}
