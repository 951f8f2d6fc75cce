// Recording activities on both databases: the view read back, idempotency on (workspace,
// sourceKey) including concurrent replicas, batches in one transaction, validation errors, and
// stored older versions upgraded on read without being rewritten.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import { openStore, type Store } from '../../../src/store/store';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';
import { countRows, note, testRegistry, uniqueKey } from './fixtures';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');

type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Runs app replicas as separate processes on one database, each doing `job` at the same
 * moment. (SQLite's driver is synchronous: two connections to one file in ONE process block
 * each other's event loop, so replicas of a SQLite store are processes, as in production.)
 */
async function replicas<T>(url: string, jobs: { mode: 'record' | 'recordMany'; batches: NewActivity[][] }[]): Promise<Settled<T>[][]> {
  const startAt = Date.now() + 2_500;
  const outputs = await Promise.all(
    jobs.map((job) =>
      run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'replica-child.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, START_AT: String(startAt), REPLICA_JOB: JSON.stringify(job) },
        timeout: 60_000,
      }),
    ),
  );
  return outputs.map((o) => JSON.parse(o.stdout) as Settled<T>[]);
}

const T1 = 'T0ACT1';
const T2 = 'T0ACT2';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(DATABASE_KINDS)('activities on %s', (kind) => {
  let store: Store & { url: string };
  /** PostgreSQL only: a second store in this process on the same database, another replica. */
  let replica: Store | undefined;
  let alice: string;
  let bob: string;
  let aliceInT2: string;

  beforeAll(async () => {
    store = await createTestStore(kind, testRegistry);
    if (kind === 'postgresql') replica = await openStore({ databaseUrl: store.url, registry: testRegistry, migrate: false });
    await store.workspaces.ensure(T1);
    await store.workspaces.ensure(T2);
    alice = await store.members.ensureSlackMember(T1, 'UALICE', { displayName: 'alice', realName: 'Alice A.' });
    bob = await store.members.ensureSlackMember(T1, 'UBOB', { displayName: null, realName: 'Bob B.' });
    aliceInT2 = await store.members.ensureSlackMember(T2, 'UALICE', { displayName: 'alice-2' });
  });

  afterAll(async () => {
    await replica?.close();
    await store?.close();
  });

  async function countWhere(where: { workspaceId?: string; sourceKey?: string }): Promise<number> {
    return store.db.activity.count({ where });
  }

  it('records an activity and reads it back as a view', async () => {
    const occurredAt = new Date('2026-11-20T10:11:12.345Z');
    const receivedAt = new Date('2026-11-20T10:11:13.000Z');
    const sourceKey = uniqueKey('kudos');
    const { activity, duplicate } = await store.activities.record({
      workspaceId: T1,
      type: 'test_kudos.given',
      occurredAt,
      receivedAt,
      initiatorId: alice,
      recipientId: bob,
      channelId: 'C0GENERAL',
      metadata: { reason: 'Great Answer', extra: 'stripped' },
      source: 'api',
      sourceKey,
    });
    expect(duplicate).toBe(false);
    expect(activity).toMatchObject({
      workspaceId: T1,
      type: 'test_kudos.given',
      version: 1,
      storedVersion: 1,
      occurredAt,
      receivedAt,
      initiator: { id: alice, slackUserId: 'UALICE', name: 'alice' },
      // No display name: the real name is the label.
      recipient: { id: bob, slackUserId: 'UBOB', name: 'Bob B.' },
      channelId: 'C0GENERAL',
      channelPrivate: false,
      metadata: { reason: 'Great Answer' },
      source: 'api',
      sourceKey,
      labelsPending: false,
    });
    expect(activity.id).toMatch(/^act_/);
    expect(activity.metadata).not.toHaveProperty('extra');

    const again = await store.activityReads.get(T1, activity.id);
    expect(again).toEqual(activity);
    const bySourceKey = await store.activityReads.findBySourceKey(T1, sourceKey);
    expect(bySourceKey).toEqual(activity);
    const row = await store.db.activity.findUniqueOrThrow({ where: { id: activity.id } });
    expect(row.searchText).toBe('great answer');
  });

  it('records an activity without an initiator or recipient (null summaries)', async () => {
    const { activity } = await store.activities.record(note(T1, alice, { initiatorId: null, labelsPending: true }));
    expect(activity.initiator).toBeNull();
    expect(activity.recipient).toBeNull();
    expect(activity.labelsPending).toBe(true);
    expect(activity.receivedAt).toBeInstanceOf(Date);
  });

  it('stores the same (workspace, sourceKey) once: the second record is a duplicate returning the stored row', async () => {
    const sourceKey = uniqueKey('dup');
    const first = await store.activities.record(note(T1, alice, { sourceKey, metadata: { text: 'first' } }));
    const second = await store.activities.record(note(T1, alice, { sourceKey, metadata: { text: 'second' } }));
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.activity.id).toBe(first.activity.id);
    expect(second.activity.metadata).toEqual({ text: 'first' });
    expect(await countWhere({ workspaceId: T1, sourceKey })).toBe(1);
  });

  it('treats the same sourceKey in another workspace as a different activity', async () => {
    const sourceKey = uniqueKey('cross');
    const a = await store.activities.record(note(T1, alice, { sourceKey }));
    const b = await store.activities.record(note(T2, aliceInT2, { sourceKey }));
    expect(a.duplicate).toBe(false);
    expect(b.duplicate).toBe(false);
    expect(a.activity.id).not.toBe(b.activity.id);
    expect(await countWhere({ sourceKey })).toBe(2);
    expect(await store.activityReads.get(T2, a.activity.id)).toBeNull();
  });

  it('stores 20 parallel records of one key exactly once', async () => {
    const sourceKey = uniqueKey('race');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.activities.record(note(T1, alice, { sourceKey, metadata: { text: `attempt ${i}` } }))),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.activity.id)).size).toBe(1);
    expect(await countWhere({ workspaceId: T1, sourceKey })).toBe(1);
  });

  it.runIf(kind === 'postgresql')('two store instances in one process: 20 parallel records of one key, stored once (PostgreSQL only: SQLite replicas are processes, raced in the test above)', async () => {
    const sourceKey = uniqueKey('race2');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? store : replica!).activities.record(note(T1, alice, { sourceKey, metadata: { text: `attempt ${i}` } })),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.activity.id)).size).toBe(1);
    expect(await countWhere({ workspaceId: T1, sourceKey })).toBe(1);
  });

  it('two replica processes racing: one key recorded 2×10 times at once is stored once, one duplicate:false', async () => {
    const sourceKey = uniqueKey('replicas');
    const drafts = Array.from({ length: 10 }, (_, i) => note(T1, alice, { sourceKey, metadata: { text: `try ${i}` } }));
    // Plus distinct keys, so the replicas also write side by side without conflicts.
    const distinct = (p: string) => Array.from({ length: 10 }, () => note(T1, bob, { sourceKey: uniqueKey(p) }));
    const [a, b] = await replicas<{ id: string; duplicate: boolean }>(store.url, [
      { mode: 'record', batches: [drafts, distinct('ra')] },
      { mode: 'record', batches: [drafts, distinct('rb')] },
    ]);
    const all = [...a!, ...b!];
    expect(all.filter((r) => !r.ok)).toEqual([]);
    const values = all.map((r) => (r as { value: { id: string; duplicate: boolean } }).value);
    const same = values.filter((_, i) => i % 20 < 10);
    expect(same.filter((v) => !v.duplicate)).toHaveLength(1);
    expect(new Set(same.map((v) => v.id)).size).toBe(1);
    expect(values.filter((_, i) => i % 20 >= 10).every((v) => !v.duplicate)).toBe(true);
    expect(await countWhere({ workspaceId: T1, sourceKey })).toBe(1);
    expect(await store.db.activity.count({ where: { sourceKey: { startsWith: 'ra:' } } })).toBe(10);
    expect(await store.db.activity.count({ where: { sourceKey: { startsWith: 'rb:' } } })).toBe(10);
  });

  describe('recordMany', () => {
    it('writes a batch, skipping duplicates within it and against stored rows, and reports them', async () => {
      const stored = uniqueKey('stored');
      await store.activities.record(note(T1, alice, { sourceKey: stored }));
      const fresh1 = uniqueKey('b1');
      const fresh2 = uniqueKey('b2');
      const result = await store.activities.recordMany([
        note(T1, alice, { sourceKey: fresh1 }),
        note(T1, alice, { sourceKey: stored }),
        note(T1, bob, { sourceKey: fresh2 }),
        note(T1, bob, { sourceKey: fresh1 }),
        // Same key, other workspace: not a duplicate.
        note(T2, aliceInT2, { sourceKey: fresh1 }),
      ]);
      expect(result.created).toBe(3);
      expect(result.duplicates.sort()).toEqual([fresh1, stored].sort());
      expect(await countWhere({ workspaceId: T1, sourceKey: fresh1 })).toBe(1);
      expect(await countWhere({ workspaceId: T2, sourceKey: fresh1 })).toBe(1);
      expect(await countWhere({ workspaceId: T1, sourceKey: fresh2 })).toBe(1);
      expect(await countWhere({ workspaceId: T1, sourceKey: stored })).toBe(1);
      // The rows read back like recorded ones.
      const view = await store.activityReads.findBySourceKey(T1, fresh2);
      expect(view).toMatchObject({ type: 'test_note.created', initiator: { id: bob }, metadata: { text: 'hello' }, version: 1 });
    });

    it('rejects the whole batch when one draft is invalid: nothing stored', async () => {
      const before = await countRows(store.db, 'Activity');
      const keys = [uniqueKey('ok1'), uniqueKey('bad'), uniqueKey('ok2')];
      const error = await rejection(
        store.activities.recordMany([
          note(T1, alice, { sourceKey: keys[0] }),
          note(T1, alice, { sourceKey: keys[1], metadata: { text: 42 } }),
          note(T1, alice, { sourceKey: keys[2] }),
        ]),
      );
      expect(error.code).toBe('activity_invalid_metadata');
      expect(await countRows(store.db, 'Activity')).toBe(before);
    });

    it('rolls back the whole batch when the database refuses a row (unknown member)', async () => {
      const before = await countRows(store.db, 'Activity');
      await expect(
        store.activities.recordMany([note(T1, alice), note(T1, 'm_no_such_member')]),
      ).rejects.toThrow();
      expect(await countRows(store.db, 'Activity')).toBe(before);
    });

    it('accepts an empty batch', async () => {
      expect(await store.activities.recordMany([])).toEqual({ created: 0, duplicates: [] });
    });

    it('two replica processes writing overlapping batches at once store each key once', async () => {
      const keys = Array.from({ length: 12 }, () => uniqueKey('overlap'));
      const batch = (slice: string[], member: string) => slice.map((sourceKey) => note(T1, member, { sourceKey }));
      const [a, b] = await replicas<{ created: number; duplicates: string[] }>(store.url, [
        { mode: 'recordMany', batches: [batch(keys.slice(0, 8), alice), batch(keys.slice(6, 10), alice)] },
        { mode: 'recordMany', batches: [batch(keys.slice(4), bob)] },
      ]);
      const all = [...a!, ...b!];
      expect(all.filter((r) => !r.ok)).toEqual([]);
      const values = all.map((r) => (r as { value: { created: number; duplicates: string[] } }).value);
      expect(values.reduce((n, v) => n + v.created, 0)).toBe(12);
      expect(values.reduce((n, v) => n + v.duplicates.length, 0)).toBe(8 + 4 + 8 - 12);
      expect(await store.db.activity.count({ where: { workspaceId: T1, sourceKey: { in: keys } } })).toBe(12);
    });
  });

  describe('validation', () => {
    const cases: [string, (draft: NewActivity) => NewActivity, string][] = [
      ['an unknown type', (d) => ({ ...d, type: 'no_such.type' }), 'activity_unknown_type'],
      ['an unknown version', (d) => ({ ...d, version: 7 }), 'activity_unknown_version'],
      ['version 0', (d) => ({ ...d, version: 0 }), 'activity_unknown_version'],
      ['metadata of the wrong shape', (d) => ({ ...d, metadata: { text: 12 } }), 'activity_invalid_metadata'],
      ['metadata that is not an object', (d) => ({ ...d, metadata: 'hello' }), 'activity_invalid_metadata'],
      ['a recipient on a type without one', (d) => ({ ...d, recipientId: d.initiatorId }), 'activity_recipient_not_allowed'],
      [
        'a missing required recipient',
        (d) => ({ ...d, type: 'test_kudos.given', metadata: { reason: 'x' }, recipientId: null }),
        'activity_recipient_required',
      ],
    ];

    it.each(cases)('rejects %s with its code and stores nothing', async (_label, change, code) => {
      const draft = change(note(T1, alice));
      const before = await countRows(store.db, 'Activity');
      const error = await rejection(store.activities.record(draft));
      expect(error.code).toBe(code);
      expect(error.issues.length).toBeGreaterThan(0);
      expect(await countRows(store.db, 'Activity')).toBe(before);
      expect(await store.activityReads.findBySourceKey(T1, draft.sourceKey)).toBeNull();
    });

    it('names the failing metadata field', async () => {
      const error = await rejection(store.activities.record(note(T1, alice, { metadata: { text: 'x'.repeat(101) } })));
      expect(error.issues.map((i) => i.path)).toContain('metadata.text');
    });

    it('accepts an optional recipient either way', async () => {
      const withRecipient = await store.activities.record(
        note(T1, alice, { type: 'test_poke.sent', metadata: {}, recipientId: bob }),
      );
      const without = await store.activities.record(note(T1, alice, { type: 'test_poke.sent', metadata: {} }));
      expect(withRecipient.activity.recipient?.id).toBe(bob);
      expect(without.activity.recipient).toBeNull();
    });
  });

  describe('upgrade on read', () => {
    it('reads a row stored at v1 back at v2 (storedVersion 1) and leaves the stored JSON as it was', async () => {
      const { activity, duplicate } = await store.activities.record(
        note(T1, alice, { type: 'test_doc.created', version: 1, metadata: { name: 'Roadmap' }, source: 'import' }),
      );
      expect(duplicate).toBe(false);
      expect(activity.version).toBe(2);
      expect(activity.storedVersion).toBe(1);
      expect(activity.metadata).toEqual({ title: 'Roadmap', tags: [] });

      const listed = await store.activityReads.list({ workspaceId: T1, types: ['test_doc.created'] }, { limit: 10 });
      expect(listed.items.find((i) => i.id === activity.id)).toMatchObject({ version: 2, storedVersion: 1, metadata: { title: 'Roadmap', tags: [] } });

      // The database still holds v1's JSON at version 1: never rewritten in place.
      const raw = await store.db.$queryRawUnsafe<{ version: number | bigint; metadata: unknown }[]>(
        kind === 'postgresql' ? 'SELECT "version", "metadata" FROM "Activity" WHERE "id" = $1' : 'SELECT "version", "metadata" FROM "Activity" WHERE "id" = ?',
        activity.id,
      );
      expect(Number(raw[0]!.version)).toBe(1);
      const json = typeof raw[0]!.metadata === 'string' ? JSON.parse(raw[0]!.metadata) : raw[0]!.metadata;
      expect(json).toEqual({ name: 'Roadmap' });

      // Search text comes from the current shape.
      const found = await store.activityReads.list({ workspaceId: T1, q: 'roadmap' }, { limit: 10 });
      expect(found.items.map((i) => i.id)).toContain(activity.id);
    });

    it('writes new activities at the current version by default', async () => {
      const { activity } = await store.activities.record(
        note(T1, alice, { type: 'test_doc.created', metadata: { title: 'Plan', tags: ['q1'] } }),
      );
      expect(activity).toMatchObject({ version: 2, storedVersion: 2, metadata: { title: 'Plan', tags: ['q1'] } });
    });

    it('validates a v1 write against v1, not v2', async () => {
      const error = await rejection(
        store.activities.record(note(T1, alice, { type: 'test_doc.created', version: 1, metadata: { title: 'Plan', tags: [] } })),
      );
      expect(error.code).toBe('activity_invalid_metadata');
    });
  });
});
