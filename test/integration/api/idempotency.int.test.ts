// Idempotent ingest over real HTTP, on SQLite and PostgreSQL: the same external_id is stored
// once, an Idempotency-Key replays the first answer, and concurrent duplicates (the same
// request racing itself) still store one activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity } from '../../../src/api/routes/ingest';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { activityCount, expectDocumented, post, validItem } from './support';

describe.each(DATABASE_KINDS)('idempotent ingest (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  const keyed = (key: string) => ({ headers: { 'Idempotency-Key': key } });

  describe('external_id', () => {
    it('stores an activity once, answering the repeat with the stored one (200)', async () => {
      const first = await post(h, '/activities', validItem('post.created', { external_id: 'ext-once' }));
      const before = await activityCount(h, TEAM_ID);
      const second = await post(h, '/activities', validItem('post.created', { external_id: 'ext-once', metadata: { ...validItem('post.created').metadata as object, excerpt: 'changed' } }));
      expectDocumented(createActivity, second);
      expect([first.status, second.status]).toEqual([201, 200]);
      expect(second.body).toMatchObject({ created: false, activity: { id: first.body.activity.id } });
      expect(second.body.activity.metadata).toEqual(first.body.activity.metadata);
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it('refuses an external_id already used by another type (409), storing nothing', async () => {
      await post(h, '/activities', validItem('post.created', { external_id: 'ext-typed' }));
      const before = await activityCount(h, TEAM_ID);
      const other = await post(h, '/activities', validItem('comment.created', { external_id: 'ext-typed' }));
      expectDocumented(createActivity, other);
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({ code: 'conflict', issues: [{ path: 'external_id' }] });
      const batch = await post(h, '/activities/batch', { activities: [validItem('post.created'), validItem('comment.created', { external_id: 'ext-typed' })] });
      expect(batch.status).toBe(409);
      expect(batch.body.error.items).toEqual([{ index: 1, external_id: 'ext-typed', code: 'conflict', issues: [expect.objectContaining({ path: 'external_id' })] }]);
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it('in batches: already stored and repeated items are reported as duplicates', async () => {
      await post(h, '/activities', validItem('post.created', { external_id: 'ext-b-0' }));
      const result = await post(h, '/activities/batch', {
        activities: [
          validItem('post.created', { external_id: 'ext-b-0' }),
          validItem('post.created', { external_id: 'ext-b-1' }),
          validItem('post.created', { external_id: 'ext-b-1' }),
          validItem('post.created'),
        ],
      });
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({ created: 2, duplicates: 2 });
      expect(result.body.items.map((i: { created: boolean }) => i.created)).toEqual([false, true, false, true]);
      expect(result.body.items[1].id).toBe(result.body.items[2].id);
      const again = await post(h, '/activities/batch', { activities: [validItem('post.created', { external_id: 'ext-b-0' }), validItem('post.created', { external_id: 'ext-b-1' })] });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: 0, duplicates: 2 });
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response to the same key and body, without writing again', async () => {
      const body = validItem('award.given');
      const first = await post(h, '/activities', body, keyed('key-replay'));
      const before = await activityCount(h, TEAM_ID);
      // Same body, keys in another order: still the same request.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const second = await post(h, '/activities', reordered, keyed('key-replay'));
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBe('false');
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it('refuses the same key with a different body (409), writing nothing', async () => {
      await post(h, '/activities', validItem('post.created'), keyed('key-mismatch'));
      const before = await activityCount(h, TEAM_ID);
      const other = await post(h, '/activities', validItem('post.created', { occurred_at: '2024-03-02T00:00:00Z' }), keyed('key-mismatch'));
      expectDocumented(createActivity, other);
      expect(other.status).toBe(409);
      expect(other.body.error.issues).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
      const elsewhere = await post(h, '/activities/batch', { activities: [validItem('post.created')] }, keyed('key-mismatch'));
      expect(elsewhere.status).toBe(409);
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it('replays a refusal too', async () => {
      const bad = validItem('post.created', { metadata: {} });
      const first = await post(h, '/activities', bad, keyed('key-refused'));
      const second = await post(h, '/activities', bad, keyed('key-refused'));
      expect([first.status, second.status]).toEqual([422, 422]);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.body).toEqual(first.body);
    });

    it('keeps keys per workspace', async () => {
      await h.app.store.workspaces.ensure('T0KEYSPACE');
      const { secret } = await h.app.store.apiKeys.create({ workspaceId: 'T0KEYSPACE', name: 'other', scopes: ['activities:write'] });
      const body = validItem('post.created');
      const mine = await post(h, '/activities', body, keyed('key-shared'));
      const theirs = await post(h, '/activities', body, { ...keyed('key-shared'), token: secret });
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers.get('idempotent-replayed')).toBe('false');
      expect(theirs.body.activity.workspace_id).toBe('T0KEYSPACE');
    });

    it('refuses a malformed key', async () => {
      const result = await post(h, '/activities', validItem('post.created'), keyed('x'.repeat(300)));
      expect(result.status).toBe(400);
    });
  });

  describe('concurrent duplicates', () => {
    it('the same external_id sent 12 times at once is stored once', async () => {
      const before = await activityCount(h, TEAM_ID);
      const results = await Promise.all(Array.from({ length: 12 }, () => post(h, '/activities', validItem('comment.created', { external_id: 'race-ext' }))));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.activity.id)).size).toBe(1);
      expect(await activityCount(h, TEAM_ID)).toBe(before + 1);
    });

    it('the same Idempotency-Key sent 12 times at once (no external_id) is stored once, every answer the same', async () => {
      const before = await activityCount(h, TEAM_ID);
      const body = validItem('comment.created');
      const results = await Promise.all(Array.from({ length: 12 }, () => post(h, '/activities', body, keyed('race-key'))));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(new Set(results.map((r) => r.body.activity.id)).size).toBe(1);
      expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'false')).toHaveLength(1);
      expect(await activityCount(h, TEAM_ID)).toBe(before + 1);
    });

    it('overlapping batches racing each other store each external_id once', async () => {
      const before = await activityCount(h, TEAM_ID);
      const batch = (from: number) => ({ activities: Array.from({ length: 40 }, (_, i) => validItem('post.created', { external_id: `race-batch-${from + i}` })) });
      const results = await Promise.all([post(h, '/activities/batch', batch(0)), post(h, '/activities/batch', batch(20)), post(h, '/activities/batch', batch(10)), post(h, '/activities/batch', batch(0))]);
      for (const r of results) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      expect(results.reduce((n, r) => n + r.body.created, 0)).toBe(60);
      expect(await activityCount(h, TEAM_ID)).toBe(before + 60);
    });
  });
});
