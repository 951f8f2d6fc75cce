// Activities that share a millisecond are listed in the order of their microseconds (Slack's
// ts carry them; occurredAt cannot): the id's time part is occurredAt and its next two
// characters the microseconds, and every list is keyset-ordered by (occurredAt, id). Checked
// on both databases through every read path, and, on PostgreSQL, under the collations a
// database may be created with (ids compare as text in the database's collation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import type { Store } from '../../../src/store/store';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';
import { note, testRegistry } from './fixtures';

const W = 'T0MICROS';
const MS = new Date('2026-11-20T12:00:00.123Z');
/** Microseconds past MS, in Slack's order (oldest first). */
const MICROS = [0, 1, 9, 31, 32, 33, 250, 500, 998, 999];

describe.each(DATABASE_KINDS)('microsecond order on %s', (kind) => {
  let store: Store & { url: string };
  let expected: string[];

  beforeAll(async () => {
    store = await createTestStore(kind, testRegistry);
    await store.workspaces.ensure(W);
    const m = await store.members.ensureSlackMember(W, 'U0MICRO');
    const draft = (us: number): NewActivity => note(W, m, { occurredAt: MS, occurredAtMicros: us, sourceKey: `us:${us}`, metadata: { text: `at ${us}` } });
    // Recorded newest first, each alone (creation order is the reverse of Slack's), then a
    // shuffled group commit: neither may decide the order.
    for (const us of [...MICROS].reverse().slice(0, 5)) await store.activities.record(draft(us));
    await Promise.all([...MICROS].reverse().slice(5).sort(() => Math.random() - 0.5).map((us) => store.activityWriter.record(draft(us))));
    // An activity a millisecond later and one a millisecond earlier bracket them.
    await store.activities.record(note(W, m, { occurredAt: new Date(MS.getTime() + 1), sourceKey: 'us:next-ms' }));
    await store.activities.record(note(W, m, { occurredAt: new Date(MS.getTime() - 1), occurredAtMicros: 999, sourceKey: 'us:prev-ms' }));
    expected = ['us:next-ms', ...[...MICROS].reverse().map((us) => `us:${us}`), 'us:prev-ms'];
  });
  afterAll(async () => store?.close());

  it('lists newest first by (occurredAt, microseconds): list, browse pages, export pages', async () => {
    expect((await store.activityReads.list({ workspaceId: W }, { limit: 50 })).items.map((a) => a.sourceKey)).toEqual(expected);
    expect((await store.activityReads.browsePage({ workspaceId: W }, { limit: 50 })).items.map((a) => a.sourceKey)).toEqual(expected);
    const exported: string[] = [];
    for await (const page of store.activityReads.pages({ workspaceId: W }, 3)) exported.push(...page.map((a) => a.sourceKey));
    expect(exported).toEqual(expected);
  });

  it('keeps the order across cursors, both directions', async () => {
    const older: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<Store['activityReads']['browsePage']>> = await store.activityReads.browsePage({ workspaceId: W }, { limit: 4, after });
      older.push(...page.items.map((a) => a.sourceKey));
      after = page.olderCursor;
    } while (after);
    expect(older).toEqual(expected);
    // Back up from the oldest row: the rows newer than it, in the same order.
    const oldest = await store.activityReads.browsePage({ workspaceId: W }, { limit: 1, after: (await store.activityReads.browsePage({ workspaceId: W }, { limit: expected.length - 1 })).olderCursor });
    const back = await store.activityReads.browsePage({ workspaceId: W }, { limit: 50, before: oldest.newerCursor });
    expect(back.items.map((a) => a.sourceKey)).toEqual(expected.slice(0, -1));
  });

  it.runIf(kind === 'postgresql')('sorts ids the same under the C, ICU and glibc collations a database may use', async () => {
    const ids = (await store.activityReads.list({ workspaceId: W }, { limit: 50 })).items.map((a) => a.id).reverse();
    const available = await store.db.$queryRawUnsafe<{ collname: string }[]>(
      `SELECT collname::text AS collname FROM pg_collation WHERE collname IN ('C', 'POSIX', 'C.utf8', 'und-x-icu', 'en-x-icu', 'en-US-x-icu', 'de-x-icu', 'en_US.utf8', 'en_US') ORDER BY collname`,
    );
    expect(available.length).toBeGreaterThanOrEqual(1);
    for (const { collname } of available) {
      const rows = await store.db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT "id" FROM "Activity" WHERE "workspaceId" = $1 ORDER BY "id" COLLATE "${collname}"`,
        W,
      );
      expect(rows.map((r) => r.id), collname).toEqual(ids);
    }
  });
});
