// Members: Slack users (one row per workspace and Slack user id) and people known only by an
// email or an external id (from the ingest API).
import { isUniqueViolation } from '../errors';
import { decodeIdCursor, encodeIdCursor } from '../cursor';
import { newId, slackMemberId } from '../ids';
import { isStorableText } from '../../storable';
import type { Db, Prisma } from '../prisma-client';
import { addTo } from '../../bounded';

const MAX_KNOWN = 100_000;

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

/** What member search reads of each candidate row. */
interface SearchCandidate {
  id: string;
  displayName: string | null;
  realName: string | null;
  slackUserId: string | null;
  email: string | null;
}

/** Candidate rows member search reads per query. */
const SEARCH_CHUNK = 500;

/**
 * A LIKE pattern (ESCAPE '\\') for `lower(name)` that every name containing `q` in JavaScript's
 * lower case matches, on either database. ASCII characters stand for themselves, lower-cased,
 * with `%`, `_` and `\\` escaped (literal, not wildcards); any other character (which a
 * database may lower-case differently, or into more characters) is `%`. `i` and `k` are `_`:
 * JavaScript also gets them from `İ` and the Kelvin sign, which SQLite's lower() leaves as is.
 */
export function candidatePattern(q: string): string {
  const pieces = ['%'];
  for (const c of q.toLowerCase()) {
    const piece = c.charCodeAt(0) > 0x7f ? '%' : c === 'i' || c === 'k' ? '_' : /[\\%_]/.test(c) ? `\\${c}` : c;
    if (piece !== '%' || pieces[pieces.length - 1] !== '%') pieces.push(piece);
  }
  if (pieces[pieces.length - 1] !== '%') pieces.push('%');
  return pieces.join('');
}

export interface MemberListFilter {
  workspaceId: string;
  q?: string;
  limit: number;
  cursor?: string | null;
}

export class MemberRepository {
  /** Slack members known to exist, so the hot path skips a write per event. */
  /** Members known to be stored (bounded: a miss only costs an idempotent insert). */
  private readonly known = new Set<string>();
  /** ensureSlackMember calls without a profile under way, by row id: a new member's first events share one write. */
  private readonly creating = new Map<string, Promise<string>>();

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
    if (profile) return this.writeSlackMember(id, workspaceId, slackUserId, profile, activeAt);
    if (this.known.has(id)) return id;
    const running = this.creating.get(id);
    if (running) return running;
    const create = this.createSlackMemberIfMissing(id, workspaceId, slackUserId, activeAt).finally(() => this.creating.delete(id));
    this.creating.set(id, create);
    return create;
  }

  /**
   * The event hot path's member creation: one INSERT … ON CONFLICT DO NOTHING, atomic under
   * concurrent events and replicas (see WorkspaceRepository.createIfMissing).
   */
  private async createSlackMemberIfMissing(id: string, workspaceId: string, slackUserId: string, activeAt?: Date): Promise<string> {
    const now = new Date();
    const firstSeen = activeAt ?? now;
    const lastActive = activeAt ?? null;
    await this.db.$executeRaw`INSERT INTO "Member" ("id", "workspaceId", "slackUserId", "firstSeenAt", "lastActiveAt", "createdAt", "updatedAt")
      VALUES (${id}, ${workspaceId}, ${slackUserId}, ${firstSeen}, ${lastActive}, ${now}, ${now}) ON CONFLICT DO NOTHING`;
    addTo(this.known, id, MAX_KNOWN);
    return id;
  }

  private async writeSlackMember(id: string, workspaceId: string, slackUserId: string, profile?: SlackProfile, activeAt?: Date): Promise<string> {
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
        // Two writers creating the same member (Prisma's upsert reads, then inserts): the loser
        // retries and finds the row. If it fails again, the email already belongs to another
        // member (known by email first): keep it off this one.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
        if (attempt >= 2) withEmail = {};
      }
    }
    addTo(this.known, id, MAX_KNOWN);
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

  /**
   * Members of a workspace, by id, paged (`cursor`: the previous page's nextCursor). `q` finds
   * members whose display or real name contains it, ignoring case, with `%` and `_` as plain
   * characters, or whose Slack user id or email is exactly it: the same on both databases.
   */
  async list(filter: MemberListFilter): Promise<{ items: MemberRow[]; nextCursor: string | null }> {
    const after = filter.cursor ? decodeIdCursor(filter.cursor) : null;
    const q = filter.q?.trim();
    const rows = q
      ? await this.search(filter.workspaceId, q, after, filter.limit + 1)
      : await this.db.member.findMany({
          where: { workspaceId: filter.workspaceId, ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: 'asc' },
          take: filter.limit + 1,
        });
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeIdCursor(last.id) : null };
  }

  /**
   * Up to `take` members matching `q` (see list), after `after`, by id. Neither database's own
   * matching will do: SQLite's LIKE ignores the case of ASCII letters only, PostgreSQL's is
   * case-sensitive (its ILIKE folds by locale), and Prisma's `contains` leaves `%` and `_` as
   * wildcards. So the database only narrows, with a pattern that can select too much but never
   * too little (see candidatePattern), and this code decides, with JavaScript's lower case:
   * the same answer on both.
   */
  private async search(workspaceId: string, q: string, after: string | null, take: number): Promise<MemberRow[]> {
    if (!isStorableText(q)) return [];
    const needle = q.toLowerCase();
    const pattern = candidatePattern(q);
    const matches = (row: SearchCandidate) =>
      Boolean(row.displayName?.toLowerCase().includes(needle) || row.realName?.toLowerCase().includes(needle)) ||
      row.slackUserId === q ||
      row.email === needle;
    const found: string[] = [];
    // Every id sorts after '' in either database's collation.
    let from = after ?? '';
    for (;;) {
      const candidates = await this.db.$queryRaw<SearchCandidate[]>`
        SELECT "id", "displayName", "realName", "slackUserId", "email" FROM "Member"
        WHERE "workspaceId" = ${workspaceId} AND "id" > ${from}
          AND (lower("displayName") LIKE ${pattern} ESCAPE '\\' OR lower("realName") LIKE ${pattern} ESCAPE '\\'
               OR "slackUserId" = ${q} OR "email" = ${needle})
        ORDER BY "id" LIMIT ${SEARCH_CHUNK}`;
      for (const row of candidates) if (found.length < take && matches(row)) found.push(row.id);
      if (found.length >= take || candidates.length < SEARCH_CHUNK) break;
      from = candidates[candidates.length - 1]!.id;
    }
    if (found.length === 0) return [];
    return this.db.member.findMany({ where: { id: { in: found } }, orderBy: { id: 'asc' } });
  }

  // ---- Activity API: member lookups (src/api, src/sources/api) ----

  /** Members of a workspace by id (missing ids are simply absent from the map). */
  async getMany(workspaceId: string, ids: string[]): Promise<Map<string, MemberRow>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.member.findMany({ where: { workspaceId, id: { in: unique } } });
    return new Map(rows.map((row) => [row.id, row]));
  }
}
