// The group commit (src/store/activity-write-batcher.ts), on SQLite and PostgreSQL: events that
// arrive together are written in one transaction of at most 500 rows; when one row of a batch
// fails, the others are written one by one so that only it fails; a connection-level failure
// fails every caller with store_unavailable (their events are redelivered by Slack).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors';
import { ActivityWriteBatcher } from '../../../src/store/activity-write-batcher';
import type { ActivityRepository } from '../../../src/store/repositories/activity-repository';
import type { Store } from '../../../src/store/store';
import { openStore } from '../../../src/store/store';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';
import { createOutageDatabase } from '../../support/outage';
import { note, testRegistry, uniqueKey } from './fixtures';

/** A batcher over `activities` that records the size of every insert it asks for. */
function spiedBatcher(activities: ActivityRepository): { batcher: ActivityWriteBatcher; inserts: number[] } {
  const inserts: number[] = [];
  const spy = Object.create(activities) as ActivityRepository;
  spy.insertNew = (rows, deletionKeys) => {
    inserts.push(rows.length);
    return activities.insertNew(rows, deletionKeys);
  };
  return { batcher: new ActivityWriteBatcher(spy), inserts };
}

describe.each(DATABASE_KINDS)('group commit (%s)', (kind) => {
  const T = 'T0BATCH';
  let store: Store & { url: string };
  let alice: string;

  beforeAll(async () => {
    store = await createTestStore(kind, testRegistry);
    await store.workspaces.ensure(T);
    alice = await store.members.ensureSlackMember(T, 'U0ALICE');
  });
  afterAll(async () => {
    await store?.close();
  });

  const stored = (keys: string[]) => store.db.activity.count({ where: { workspaceId: T, sourceKey: { in: keys } } });

  it('events recorded together go in one transaction', async () => {
    const { batcher, inserts } = spiedBatcher(store.activities);
    const keys = Array.from({ length: 40 }, () => uniqueKey('together'));
    const results = await Promise.all(keys.map((sourceKey) => batcher.record(note(T, alice, { sourceKey }))));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(inserts).toEqual([40]);
    expect(await stored(keys)).toBe(40);
  });

  it('the batch limit: 1,201 events recorded at once are written as 500 + 500 + 201, each stored once', async () => {
    const { batcher, inserts } = spiedBatcher(store.activities);
    const prefix = uniqueKey('limit');
    const keys = Array.from({ length: 1_201 }, (_, i) => `${prefix}:${i}`);
    const results = await Promise.all(keys.map((sourceKey) => batcher.record(note(T, alice, { sourceKey }))));
    expect(results.filter((r) => r.duplicate)).toHaveLength(0);
    expect(inserts).toEqual([500, 500, 201]);
    expect(await store.db.activity.count({ where: { workspaceId: T, sourceKey: { startsWith: `${prefix}:` } } })).toBe(1_201);
  });

  it('one bad row in a batch (a foreign key to no member): it alone fails, its neighbours are written one by one', async () => {
    const { batcher, inserts } = spiedBatcher(store.activities);
    const keys = Array.from({ length: 10 }, () => uniqueKey('fallback'));
    const bad = 6;
    const outcomes = await Promise.allSettled(
      keys.map((sourceKey, i) => batcher.record(note(T, i === bad ? 'mem_nobody_by_this_id' : alice, { sourceKey }))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(keys.map((_, i) => (i === bad ? 'rejected' : 'fulfilled')));
    const reason = (outcomes[bad] as PromiseRejectedResult).reason as { code?: string };
    // A data error, not an outage: nothing to retry.
    expect(reason.code).not.toBe(ErrorCode.StoreUnavailable);
    // The batch of 10 failed whole, then each row was tried alone.
    expect(inserts).toEqual([10, ...Array(10).fill(1)]);
    expect(await stored(keys)).toBe(9);
    expect(await stored([keys[bad]!])).toBe(0);
  });

  it('a duplicate inside the fallback is still a duplicate, stored once', async () => {
    const { batcher } = spiedBatcher(store.activities);
    const key = uniqueKey('fallback-dup');
    const outcomes = await Promise.allSettled([
      batcher.record(note(T, alice, { sourceKey: key })),
      batcher.record(note(T, 'mem_nobody_by_this_id', { sourceKey: uniqueKey('bad') })),
      batcher.record(note(T, alice, { sourceKey: key })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const duplicates = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.duplicate] : []));
    expect(duplicates.sort()).toEqual([false, true]);
    expect(await stored([key])).toBe(1);
  });

  it(`the database unavailable (${kind === 'postgresql' ? 'PostgreSQL refusing connections' : 'SQLite write-locked by another process'}): every caller fails with store_unavailable, nothing stored; then it works again`, async () => {
    const db = await createOutageDatabase(kind);
    const other = await openStore({ databaseUrl: db.database.url, registry: testRegistry });
    try {
      await other.workspaces.ensure(T);
      const member = await other.members.ensureSlackMember(T, 'U0ALICE');
      const keys = Array.from({ length: 5 }, () => uniqueKey('down'));
      await db.outage.begin();
      let outcomes: PromiseSettledResult<unknown>[];
      try {
        outcomes = await Promise.allSettled(keys.map((sourceKey) => other.activityWriter.record(note(T, member, { sourceKey }))));
      } finally {
        await db.outage.end();
      }
      expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code?: string }).code : 'stored'))).toEqual(keys.map(() => ErrorCode.StoreUnavailable));
      const again = await Promise.all(keys.map((sourceKey) => other.activityWriter.record(note(T, member, { sourceKey }))));
      expect(again.map((r) => r.duplicate)).toEqual(keys.map(() => false));
    } finally {
      await other.close();
      await db.database.drop();
    }
  });
});
