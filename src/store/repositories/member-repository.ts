// Members: Slack users (one row per workspace and Slack user id) and people known only by an
// email or an external id (from the ingest API).
import { isUniqueViolation } from '../errors';
import { newId, slackMemberId } from '../ids';
import type { Db, Prisma } from '../prisma-client';

export interface SlackProfile {
  displayName?: string | null;
  realName?: string | null;
  avatarUrl?: string | null;
  timezone?: string | null;
  email?: string | null;
  isBot?: boolean;
  isDeleted?: boolean;
}

export type MemberRow = Prisma.MemberGetPayload<object>;

export interface MemberListFilter {
  workspaceId: string;
  q?: string;
  limit: number;
  cursor?: string | null;
}

export class MemberRepository {
  /** Slack members known to exist, so the hot path skips a write per event. */
  private readonly known = new Set<string>();

  constructor(private readonly db: Db) {}

  /** The row id of a Slack member this process already stored, else undefined (no I/O). */
  knownSlackMember(workspaceId: string, slackUserId: string): string | undefined {
    const id = slackMemberId(workspaceId, slackUserId);
    return this.known.has(id) ? id : undefined;
  }

  /**
   * Makes sure a Slack member row exists and returns its id; a profile, when given, is
   * written (an update refreshes it). Safe under concurrent callers and replicas.
   */
  async ensureSlackMember(workspaceId: string, slackUserId: string, profile?: SlackProfile, activeAt?: Date): Promise<string> {
    const id = slackMemberId(workspaceId, slackUserId);
    if (!profile && this.known.has(id)) return id;
    const fields = profile
      ? {
          ...(profile.displayName !== undefined ? { displayName: profile.displayName } : {}),
          ...(profile.realName !== undefined ? { realName: profile.realName } : {}),
          ...(profile.avatarUrl !== undefined ? { avatarUrl: profile.avatarUrl } : {}),
          ...(profile.timezone !== undefined ? { timezone: profile.timezone } : {}),
          ...(profile.isBot !== undefined ? { isBot: profile.isBot } : {}),
          ...(profile.isDeleted !== undefined ? { isDeleted: profile.isDeleted } : {}),
          profileFetchedAt: new Date(),
        }
      : {};
    // Stored lower-cased, as ensureByIdentity looks it up, so an ingested activity for this
    // email finds the Slack member instead of creating a second person.
    const email = profile?.email?.trim().toLowerCase();
    let withEmail: { email?: string } = email ? { email } : {};
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.member.upsert({
          where: { id },
          create: {
            id,
            workspaceId,
            slackUserId,
            ...fields,
            ...withEmail,
            ...(activeAt ? { firstSeenAt: activeAt, lastActiveAt: activeAt } : {}),
          },
          update: { ...fields, ...withEmail },
        });
        break;
      } catch (error) {
        // Two writers creating the same member: the loser retries and finds the row. Or the
        // email already belongs to another member (known by email first): keep it off this one.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
        withEmail = {};
      }
    }
    this.known.add(id);
    return id;
  }

  /** Records that a member was active at `at` (only ever moves forward). */
  async touch(id: string, at: Date): Promise<void> {
    await this.db.member.updateMany({
      where: { id, OR: [{ lastActiveAt: null }, { lastActiveAt: { lt: at } }] },
      data: { lastActiveAt: at },
    });
  }

  /**
   * Finds or creates a member by email or external id (ingest API). An existing Slack member
   * with that email is matched rather than duplicated.
   */
  async ensureByIdentity(
    workspaceId: string,
    identity: { email?: string; externalId?: string; name?: string },
  ): Promise<string> {
    const email = identity.email?.trim().toLowerCase();
    const externalId = identity.externalId?.trim();
    const or: Prisma.MemberWhereInput[] = [];
    if (email) or.push({ email });
    if (externalId) or.push({ externalId });
    if (or.length === 0) throw new Error('an email or an external id is needed to identify a member');
    for (let attempt = 1; ; attempt++) {
      const found = await this.db.member.findFirst({ where: { workspaceId, OR: or }, select: { id: true } });
      if (found) return found.id;
      try {
        const created = await this.db.member.create({
          data: { id: newId('mem'), workspaceId, email: email ?? null, externalId: externalId ?? null, displayName: identity.name ?? null },
        });
        return created.id;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async get(workspaceId: string, id: string): Promise<MemberRow | null> {
    return this.db.member.findFirst({ where: { workspaceId, id } });
  }

  async findBySlackId(workspaceId: string, slackUserId: string): Promise<MemberRow | null> {
    return this.db.member.findUnique({ where: { id: slackMemberId(workspaceId, slackUserId) } });
  }

  /** Slack members whose profile has not been fetched yet (labels to fill later). */
  async withoutProfile(workspaceId: string, limit: number): Promise<MemberRow[]> {
    return this.db.member.findMany({ where: { workspaceId, slackUserId: { not: null }, profileFetchedAt: null }, take: limit });
  }

  /** Members of a workspace, by id, paged. */
  async list(filter: MemberListFilter): Promise<{ items: MemberRow[]; nextCursor: string | null }> {
    const q = filter.q?.trim();
    const rows = await this.db.member.findMany({
      where: {
        workspaceId: filter.workspaceId,
        ...(filter.cursor ? { id: { gt: filter.cursor } } : {}),
        ...(q ? { OR: [{ displayName: { contains: q } }, { realName: { contains: q } }, { slackUserId: q }, { email: q }] } : {}),
      },
      orderBy: { id: 'asc' },
      take: filter.limit + 1,
    });
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  // ---- Activity API: member lookups (src/api, src/ingest) ----

  /** Members of a workspace by id (missing ids are simply absent from the map). */
  async getMany(workspaceId: string, ids: string[]): Promise<Map<string, MemberRow>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.member.findMany({ where: { workspaceId, id: { in: unique } } });
    return new Map(rows.map((row) => [row.id, row]));
  }
}
