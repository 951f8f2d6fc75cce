// The SQLite group-commit writer thread: rows it writes read back through Prisma exactly as
// Prisma's own writes do, duplicates are decided by the database, and a closed store refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store';
import { createTestStore } from '../../support/databases';
import { testRegistry } from './fixtures';

describe('SQLite writer thread', () => {
  let store: Store & { url: string };
  beforeAll(async () => {
    store = await createTestStore('sqlite', testRegistry);
    await store.workspaces.ensure('T0W');
  });
  afterAll(async () => store.close());

  it('writes through the worker and reads back identical values via Prisma', async () => {
    const type = 'test_note.created';
    const current = testRegistry.currentVersion(type);
    const draft = (key: string) => ({
      workspaceId: 'T0W',
      type,
      occurredAt: new Date('2026-11-20T10:00:00.123Z'),
      initiatorId: null,
      channelId: 'C0W',
      channelPrivate: true,
      metadata: { text: 'Ünïcode, "quotes" and 🎉' },
      source: 'slack' as const,
      sourceKey: key,
      labelsPending: true,
    });
    const results = await Promise.all([
      store.activityWriter.record(draft('w:1')),
      store.activityWriter.record(draft('w:1')),
      store.activityWriter.record(draft('w:2')),
    ]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, false, true]);
    const again = await store.activityWriter.record(draft('w:2'));
    expect(again.duplicate).toBe(true);
    const row = await store.activities.findBySourceKey('T0W', 'w:1');
    expect(row).toMatchObject({
      occurredAt: new Date('2026-11-20T10:00:00.123Z'),
      channelPrivate: true,
      labelsPending: true,
      version: current,
      metadata: { text: 'Ünïcode, "quotes" and 🎉' },
    });
    expect(await store.activities.list({ workspaceId: 'T0W', q: 'QUOTES' }, { limit: 5 })).toMatchObject({ items: [{}, {}] });
    const listed = await store.activities.list({ workspaceId: 'T0W', since: new Date('2026-11-20T10:00:00.123Z') }, { limit: 10 });
    expect(listed.items.map((a) => a.sourceKey).sort()).toEqual(['w:1', 'w:2']);
  });
});

