// The SQLite group-commit writer thread: rows it writes read back through Prisma exactly as
// Prisma's own writes do, duplicates are decided by the database, a closed store refuses, and
// Prisma's own writes (members, channels, workspaces) never fail because the writer thread's
// connection committed in the middle of them.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../../src/store/database-url';
import type { Store } from '../../../src/store/store';
import { createTestStore } from '../../support/databases';
import { testRegistry } from './fixtures';

const require = createRequire(import.meta.url);

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
    const row = await store.activityReads.findBySourceKey('T0W', 'w:1');
    expect(row).toMatchObject({
      occurredAt: new Date('2026-11-20T10:00:00.123Z'),
      channelPrivate: true,
      labelsPending: true,
      version: current,
      metadata: { text: 'Ünïcode, "quotes" and 🎉' },
    });
    expect(await store.activityReads.list({ workspaceId: 'T0W', q: 'QUOTES' }, { limit: 5 })).toMatchObject({ items: [{}, {}] });
    const listed = await store.activityReads.list({ workspaceId: 'T0W', since: new Date('2026-11-20T10:00:00.123Z') }, { limit: 10 });
    expect(listed.items.map((a) => a.sourceKey).sort()).toEqual(['w:1', 'w:2']);
  });

  // The writer thread holds SQLite's write lock during each group commit; Prisma's own writes
  // (first sight of a member or channel, a workspace) must wait for it, not fail. (Under the
  // ingest bench's start-up burst a Prisma transaction that had read first was refused the lock
  // at once; prisma-client.ts retries such refusals and ChannelRepository.upsert now takes the
  // lock before it reads. That race is timing-dependent; this checks the waiting itself.)
  it("Prisma's read-then-write operations wait out another connection's write lock", async () => {
    // The lock is held from another thread, as the writer thread holds it: a busy wait in
    // this thread (better-sqlite3 is synchronous) would otherwise block the timer releasing it.
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.module))(workerData.path);
       db.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, 150);`,
      { eval: true, workerData: { module: require.resolve('better-sqlite3'), path: sqliteFilePath(store.url) } },
    );
    const messages: string[] = [];
    const released = new Promise<void>((resolve) => holder.on('message', (m: string) => (messages.push(m), m === 'released' && resolve())));
    await new Promise<void>((resolve) => holder.once('message', () => resolve()));
    try {
      const results = await Promise.allSettled([
        store.members.ensureSlackMember('T0W', 'U0LOCKED1'),
        store.members.ensureSlackMember('T0W', 'U0LOCKED2', { displayName: 'Locked Out' }),
        store.channels.upsert('T0W', 'C0LOCKED', { isPrivate: false, name: 'locked' }),
        store.workspaces.ensure('T0LOCKED', { name: 'Locked' }),
      ]);
      await released;
      expect(messages).toEqual(['locked', 'released']);
      expect(results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error)?.message).slice(-160)] : []))).toEqual([]);
      expect(await store.members.findBySlackId('T0W', 'U0LOCKED2')).toMatchObject({ displayName: 'Locked Out' });
      expect(await store.channels.get('T0W', 'C0LOCKED')).toMatchObject({ name: 'locked' });
    } finally {
      await holder.terminate();
    }
  });
});
