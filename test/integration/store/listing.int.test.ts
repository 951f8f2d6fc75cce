// Reading activities back on both databases: every filter, newest first, keyset pagination
// that neither skips nor repeats rows sharing a timestamp, get by id, and per-day counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { encodeCursor } from '../../../src/store/cursor';
import type { ActivityFilter, ActivityView, DayCount } from '../../../src/activities/read-model';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';
import { note, testRegistry, uniqueKey } from './fixtures';

const MIGRATIONS = join(import.meta.dirname, '..', '..', '..', 'prisma', 'sqlite', 'migrations');

const W = 'T0LIST';
const OTHER = 'T0LISTOTHER';
const at = (iso: string) => new Date(iso);

const dayCountsByKind: Partial<Record<string, DayCount[][]>> = {};

describe.each(DATABASE_KINDS)('listing activities on %s', (kind) => {
  let store: Awaited<ReturnType<typeof createTestStore>>;
  let alice: string;
  let bob: string;
  let carol: string;
  let otherAlice: string;
  /** sourceKey → id of the fixture rows. */
  const ids = new Map<string, string>();

  async function add(key: string, draft: Parameters<typeof note>[2] & { initiatorId?: string | null }): Promise<string> {
    const { activity } = await store.activities.record(note(W, draft.initiatorId ?? alice, { ...draft, sourceKey: key }));
    ids.set(key, activity.id);
    return activity.id;
  }

  async function all(filter: Omit<ActivityFilter, 'workspaceId'>, workspaceId = W): Promise<string[]> {
    const page = await store.activityReads.list({ workspaceId, ...filter }, { limit: 1000 });
    expect(page.nextCursor).toBeNull();
    return page.items.map((i) => [...ids].find(([, id]) => id === i.id)?.[0] ?? i.id);
  }

  beforeAll(async () => {
    store = await createTestStore(kind, testRegistry);
    await store.workspaces.ensure(W);
    await store.workspaces.ensure(OTHER);
    alice = await store.members.ensureSlackMember(W, 'UALICE', { displayName: 'alice' });
    bob = await store.members.ensureSlackMember(W, 'UBOB', { displayName: 'bob' });
    carol = await store.members.ensureSlackMember(W, 'UCAROL', { displayName: 'carol' });
    otherAlice = await store.members.ensureSlackMember(OTHER, 'UALICE');
    // Sequential, so ids (a tie-breaker) follow insertion order within equal timestamps.
    await add('a1', { occurredAt: at('2026-11-01T09:00:00.000Z'), channelId: 'C1', metadata: { text: 'Hello World' } });
    await add('a2', { occurredAt: at('2026-11-02T09:00:00.000Z'), channelId: 'C2', initiatorId: bob, metadata: { text: 'release notes' } });
    await add('a3', {
      occurredAt: at('2026-11-03T09:00:00.000Z'),
      type: 'test_kudos.given',
      recipientId: bob,
      metadata: { reason: 'Helpful WORLD tour' },
      channelId: 'C1',
    });
    await add('a4', {
      occurredAt: at('2026-11-04T09:00:00.000Z'),
      type: 'test_kudos.given',
      initiatorId: bob,
      recipientId: carol,
      metadata: { reason: 'thanks' },
      channelId: 'GSECRET',
      channelPrivate: true,
    });
    await add('a5', { occurredAt: at('2026-11-05T09:00:00.000Z'), channelId: 'GHIDDEN', channelPrivate: true, metadata: { text: 'private world' } });
    await add('a6', { occurredAt: at('2026-11-05T09:00:00.000Z'), initiatorId: carol, type: 'test_poke.sent', metadata: {} });
    const other = await store.activities.record(note(OTHER, otherAlice, { occurredAt: at('2026-11-03T00:00:00.000Z'), sourceKey: 'other-1' }));
    ids.set('other-1', other.activity.id);
  });

  afterAll(async () => {
    await store?.close();
  });

  it('lists a workspace newest first, (occurredAt, id) descending, and nothing from other workspaces', async () => {
    const keys = await all({});
    // a5 and a6 share a timestamp: the larger id comes first.
    const tied = ids.get('a6')! > ids.get('a5')! ? ['a6', 'a5'] : ['a5', 'a6'];
    expect(keys).toEqual([...tied, 'a4', 'a3', 'a2', 'a1']);
    expect(keys).not.toContain('other-1');
    expect(await all({}, OTHER)).toEqual(['other-1']);
  });

  it('filters by type(s)', async () => {
    expect(await all({ types: ['test_kudos.given'] })).toEqual(['a4', 'a3']);
    expect((await all({ types: ['test_kudos.given', 'test_poke.sent'] })).sort()).toEqual(['a3', 'a4', 'a6']);
    expect(await all({ types: ['no_such.type'] })).toEqual([]);
  });

  it('filters by initiator, recipient, or a member as either', async () => {
    expect(await all({ initiatorId: bob })).toEqual(['a4', 'a2']);
    expect(await all({ recipientId: bob })).toEqual(['a3']);
    expect(await all({ memberId: bob })).toEqual(['a4', 'a3', 'a2']);
    expect(await all({ memberId: carol })).toEqual(expect.arrayContaining(['a6', 'a4']));
    expect(await all({ memberId: carol })).toHaveLength(2);
  });

  it('filters by channel', async () => {
    expect(await all({ channelIds: ['C1'] })).toEqual(['a3', 'a1']);
    expect(await all({ channelIds: ['C1', 'C2'] })).toEqual(['a3', 'a2', 'a1']);
  });

  it('filters by time: since inclusive, until exclusive', async () => {
    expect(await all({ since: at('2026-11-02T09:00:00.000Z'), until: at('2026-11-04T09:00:00.000Z') })).toEqual(['a3', 'a2']);
    expect(await all({ since: at('2026-11-04T09:00:00.001Z') })).toHaveLength(2);
    expect(await all({ until: at('2026-11-01T09:00:00.001Z') })).toEqual(['a1']);
    expect(await all({ until: at('2026-11-01T09:00:00.000Z') })).toEqual([]);
  });

  it('filters by text: a case-insensitive substring of the searchable text', async () => {
    expect(await all({ q: 'WoRlD' })).toEqual(['a5', 'a3', 'a1']);
    expect(await all({ q: '  release  ' })).toEqual(['a2']);
    expect(await all({ q: 'nothing like this' })).toEqual([]);
    expect(await all({ q: '   ' })).toHaveLength(6); // blank: no text filter
  });

  describe('text with LIKE special characters', () => {
    const S = 'T0SEARCH';
    const texts = ['100% sure', 'snake_case', 'plain text', 'back\\slash'];
    async function search(q: string): Promise<string[]> {
      const page = await store.activityReads.list({ workspaceId: S, q }, { limit: 100 });
      return page.items.map((i) => String(i.metadata.text)).sort();
    }

    beforeAll(async () => {
      await store.workspaces.ensure(S);
      const m = await store.members.ensureSlackMember(S, 'USEARCH');
      for (const text of texts) await store.activities.record(note(S, m, { metadata: { text } }));
    });

    it('matches a backslash literally', async () => {
      expect(await search('\\')).toEqual(['back\\slash']);
      expect(await search('K\\S')).toEqual(['back\\slash']);
    });

    // Prisma's `contains` leaves % and _ unescaped; on PostgreSQL the store escapes them, on
    // SQLite (whose LIKE has no escape character unless the SQL names one) both the stored
    // text and q carry stand-ins for them.
    it('matches % and _ literally, not as wildcards', async () => {
      expect(await search('%')).toEqual(['100% sure']);
      expect(await search('_')).toEqual(['snake_case']);
      expect(await search('0% s')).toEqual(['100% sure']);
      expect(await search('n_ke')).toEqual([]);
      expect(await search('p%t')).toEqual([]);
    });

    it('counts per day with % and _ taken literally too', async () => {
      const total = async (q: string) =>
        (await store.activityReads.countPerDay({ workspaceId: S, q, since: new Date('2000-01-01'), until: new Date('2100-01-01') })).reduce(
          (n, d) => n + d.count,
          0,
        );
      expect(await total('%')).toBe(1);
      expect(await total('_')).toBe(1);
      expect(await total('n_ke')).toBe(0);
    });

    // Rows stored before the stand-ins existed are encoded by a SQLite data migration.
    it.runIf(kind === 'sqlite')('the SQLite migration encodes % and _ in rows stored before (SQLite only: PostgreSQL escapes them in the query and needs no migration)', async () => {
      const m = await store.members.ensureSlackMember(S, 'USEARCH');
      await store.activities.record(note(S, m, { metadata: { text: 'old 50% off_sale' } }));
      await store.db.$executeRawUnsafe(`UPDATE "Activity" SET "searchText" = 'old 50% off_sale' WHERE "searchText" LIKE 'old 50%'`);
      expect(await search('50% off')).toEqual([]);
      const sql = readFileSync(join(MIGRATIONS, '20261127010000_search_text_wildcards', 'migration.sql'), 'utf8');
      await store.db.$executeRawUnsafe(sql);
      expect(await search('50% off_')).toEqual(['old 50% off_sale']);
      expect(await search('5_%')).toEqual([]);
    });
  });

  it('hides private-channel activities unless the viewer is in that channel', async () => {
    expect(await all({ visibleTo: { privateChannelIds: [] } })).not.toEqual(expect.arrayContaining(['a4']));
    expect((await all({ visibleTo: { privateChannelIds: [] } })).sort()).toEqual(['a1', 'a2', 'a3', 'a6']);
    expect((await all({ visibleTo: { privateChannelIds: ['GSECRET'] } })).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a6']);
    // Without visibleTo (an admin view) everything is listed.
    expect(await all({})).toHaveLength(6);
  });

  it('combines filters (AND)', async () => {
    expect(await all({ memberId: bob, types: ['test_kudos.given'], since: at('2026-11-04T00:00:00.000Z') })).toEqual(['a4']);
    expect(await all({ q: 'world', visibleTo: { privateChannelIds: [] } })).toEqual(['a3', 'a1']);
  });

  it('counts with the same filters', async () => {
    expect(await store.activityReads.count({ workspaceId: W })).toBe(6);
    expect(await store.activityReads.count({ workspaceId: W, memberId: bob })).toBe(3);
  });

  it('gets one activity by id, and not from another workspace', async () => {
    const id = ids.get('a3')!;
    const view = await store.activityReads.get(W, id);
    expect(view).toMatchObject({ id, type: 'test_kudos.given', recipient: { id: bob, name: 'bob' } });
    expect(await store.activityReads.get(OTHER, id)).toBeNull();
    expect(await store.activityReads.get(W, 'act_nope')).toBeNull();
  });

  describe('keyset pagination', () => {
    const P = 'T0PAGES';
    const tie = at('2026-10-15T12:00:00.000Z');

    beforeAll(async () => {
      await store.workspaces.ensure(P);
      const m = await store.members.ensureSlackMember(P, 'UPAGER');
      // 25 rows sharing one timestamp, 10 newer and 10 older; recorded in a shuffled order.
      const drafts = [
        ...Array.from({ length: 25 }, (_, i) => note(P, m, { occurredAt: tie, sourceKey: `tie-${i}` })),
        ...Array.from({ length: 10 }, (_, i) => note(P, m, { occurredAt: new Date(tie.getTime() + (i + 1) * 1000), sourceKey: `new-${i}` })),
        ...Array.from({ length: 10 }, (_, i) => note(P, m, { occurredAt: new Date(tie.getTime() - (i % 3 + 1) * 1), sourceKey: `old-${i}` })),
      ];
      drafts.sort(() => Math.random() - 0.5);
      const { created } = await store.activities.recordMany(drafts);
      expect(created).toBe(45);
    });

    async function pages(limit: number, between?: (page: number) => Promise<void>): Promise<ActivityView[][]> {
      const result: ActivityView[][] = [];
      let cursor: string | null = null;
      do {
        const page = await store.activityReads.list({ workspaceId: P }, { limit, cursor });
        result.push(page.items);
        cursor = page.nextCursor;
        if (cursor && between) await between(result.length);
        expect(result.length).toBeLessThan(100);
      } while (cursor);
      return result;
    }

    function expectNewestFirst(items: ActivityView[]): void {
      for (let i = 1; i < items.length; i++) {
        const a = items[i - 1]!;
        const b = items[i]!;
        const ordered = a.occurredAt > b.occurredAt || (a.occurredAt.getTime() === b.occurredAt.getTime() && a.id > b.id);
        expect(ordered, `${a.sourceKey} before ${b.sourceKey}`).toBe(true);
      }
    }

    it('returns every row exactly once, in (occurredAt desc, id desc) order, across pages of 7', async () => {
      const all = await pages(7);
      expect(all.map((p) => p.length)).toEqual([7, 7, 7, 7, 7, 7, 3]);
      const items = all.flat();
      expect(items).toHaveLength(45);
      expect(new Set(items.map((i) => i.id)).size).toBe(45);
      expectNewestFirst(items);
      // The same order as one big page.
      const single = await store.activityReads.list({ workspaceId: P }, { limit: 100 });
      expect(items.map((i) => i.id)).toEqual(single.items.map((i) => i.id));
    });

    it('gives no cursor when the last page is exactly full', async () => {
      const all = await pages(9);
      expect(all.map((p) => p.length)).toEqual([9, 9, 9, 9, 9]);
    });

    it('neither skips nor repeats existing rows when rows are inserted between page fetches', async () => {
      const before = (await store.activityReads.list({ workspaceId: P }, { limit: 1000 })).items.map((i) => i.id);
      const m = await store.members.ensureSlackMember(P, 'UPAGER');
      const all = await pages(7, async (page) => {
        // Ties with the cursor's timestamp, newer rows and older rows arrive while paging.
        await store.activities.record(note(P, m, { occurredAt: tie, sourceKey: uniqueKey(`ins-tie-${page}`) }));
        await store.activities.record(note(P, m, { occurredAt: new Date(tie.getTime() + 60_000), sourceKey: uniqueKey(`ins-new-${page}`) }));
        await store.activities.record(note(P, m, { occurredAt: new Date(tie.getTime() - 60_000), sourceKey: uniqueKey(`ins-old-${page}`) }));
      });
      const items = all.flat();
      expectNewestFirst(items);
      const seen = items.map((i) => i.id);
      expect(new Set(seen).size).toBe(seen.length); // no repeats at all
      const existing = seen.filter((id) => before.includes(id));
      expect(existing).toEqual(before); // every existing row once, in order
      // Older rows inserted during paging lie ahead of the cursor and do show up.
      expect(items.some((i) => i.sourceKey.startsWith('ins-old-'))).toBe(true);
    });

    it('pages within a filter, too', async () => {
      const first = await store.activityReads.list({ workspaceId: P, until: new Date(tie.getTime() + 1) }, { limit: 10 });
      const second = await store.activityReads.list({ workspaceId: P, until: new Date(tie.getTime() + 1) }, { limit: 10, cursor: first.nextCursor });
      expect(first.items.every((i) => i.occurredAt <= tie)).toBe(true);
      expect(second.items.every((i) => i.occurredAt <= tie)).toBe(true);
      expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(20);
    });

    it('rejects a cursor it did not issue with invalid_cursor', async () => {
      for (const cursor of ['garbage', Buffer.from('[1e20,"x"]').toString('base64url'), Buffer.from('{"id":1}').toString('base64url')]) {
        const error = await store.activityReads.list({ workspaceId: P }, { limit: 5, cursor }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('invalid_cursor');
      }
    });

    it('accepts a well-formed cursor pointing anywhere (an empty page past the end)', async () => {
      const page = await store.activityReads.list({ workspaceId: P }, { limit: 5, cursor: encodeCursor({ occurredAt: new Date(0), id: 'a' }) });
      expect(page).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('countPerDay over a workspace', () => {
    const D = 'T0DAYS';
    beforeAll(async () => {
      await store.workspaces.ensure(D);
      const m = await store.members.ensureSlackMember(D, 'UDAY');
      const rows: [string, string][] = [
        ['2026-11-10T00:30:00.000Z', 'test_note.created'], // 23:30 on the 9th at UTC-1
        ['2026-11-10T12:00:00.000Z', 'test_note.created'],
        ['2026-11-10T12:00:00.000Z', 'test_poke.sent'],
        ['2026-11-10T23:30:00.000Z', 'test_note.created'], // 01:30 on the 11th at UTC+2
        ['2026-11-11T08:00:00.000Z', 'test_poke.sent'],
        ['2026-11-12T23:59:59.999Z', 'test_note.created'], // outside [since, until)
        ['2026-11-09T23:59:59.999Z', 'test_note.created'], // outside [since, until)
      ];
      for (const [iso, type] of rows) {
        await store.activities.record(note(D, m, { occurredAt: at(iso), type, metadata: type === 'test_poke.sent' ? {} : { text: 'x' } }));
      }
    });

    const since = at('2026-11-10T00:00:00.000Z');
    const until = at('2026-11-12T00:00:00.000Z');

    it('counts per UTC day and type within [since, until)', async () => {
      const counts = await store.activityReads.countPerDay({ workspaceId: D, since, until });
      expect(counts).toEqual([
        { day: '2026-11-10', type: 'test_note.created', count: 3 },
        { day: '2026-11-10', type: 'test_poke.sent', count: 1 },
        { day: '2026-11-11', type: 'test_poke.sent', count: 1 },
      ]);
      (dayCountsByKind[kind] ??= []).push(counts);
    });

    it('shifts days by a positive UTC offset (UTC+2)', async () => {
      const counts = await store.activityReads.countPerDay({ workspaceId: D, since, until }, 120);
      expect(counts).toEqual([
        { day: '2026-11-10', type: 'test_note.created', count: 2 },
        { day: '2026-11-10', type: 'test_poke.sent', count: 1 },
        { day: '2026-11-11', type: 'test_note.created', count: 1 },
        { day: '2026-11-11', type: 'test_poke.sent', count: 1 },
      ]);
      (dayCountsByKind[kind] ??= []).push(counts);
    });

    it('shifts days by a negative, non-whole-hour UTC offset (UTC-01:30)', async () => {
      const counts = await store.activityReads.countPerDay({ workspaceId: D, since, until }, -90);
      expect(counts).toEqual([
        { day: '2026-11-09', type: 'test_note.created', count: 1 },
        { day: '2026-11-10', type: 'test_note.created', count: 2 },
        { day: '2026-11-10', type: 'test_poke.sent', count: 1 },
        { day: '2026-11-11', type: 'test_poke.sent', count: 1 },
      ]);
      (dayCountsByKind[kind] ??= []).push(counts);
    });

    it('returns nothing for an empty range or another workspace', async () => {
      expect(await store.activityReads.countPerDay({ workspaceId: D, since: until, until: at('2026-11-12T01:00:00.000Z') })).toEqual([]);
      expect(await store.activityReads.countPerDay({ workspaceId: 'T0NOBODY', since, until })).toEqual([]);
    });
  });
});

describe('countPerDay across providers', () => {
  it('gives identical answers on SQLite and PostgreSQL', () => {
    expect(dayCountsByKind.sqlite).toHaveLength(3);
    expect(dayCountsByKind.sqlite).toEqual(dayCountsByKind.postgresql);
  });
});
