// Ingest over real HTTP against the running app, on SQLite and PostgreSQL: every external
// type at its current version, members matched or created, every kind of invalid input
// refused with its reasons and nothing stored, batches all-or-nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { createActivity, createActivityBatch } from '../../../src/api/routes/ingest';
import { getActivity } from '../../../src/api/routes/activities';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { storedExample } from '../../unit/activities/stored-examples';
import { activityCount, EXTERNAL_TYPES, expectDocumented, get, post, SLACK_TYPES, validItem } from './support';

describe.each(DATABASE_KINDS)('activity ingest (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records every non-Slack type at its current version, and reads it back', async () => {
    expect(EXTERNAL_TYPES).toHaveLength(17);
    for (const type of EXTERNAL_TYPES) {
      const created = await post(h, '/activities', validItem(type, { external_id: `every-${type}` }));
      expectDocumented(createActivity, created);
      expect(created.status, `${type}: ${JSON.stringify(created.body)}`).toBe(201);
      const current = activityRegistry.currentVersion(type);
      expect(created.body).toMatchObject({ created: true, activity: { type, version: current, stored_version: current, source: 'api', workspace_id: TEAM_ID } });

      const read = await get(h, `/activities/${created.body.activity.id}`);
      expectDocumented(getActivity, read);
      expect(read.body.metadata).toEqual(activityRegistry.validate(type, current, storedExample(type, current)));
      expect(read.body.occurred_at).toBe('2024-03-01T12:00:00.000Z');
      expect(read.body.initiator).toMatchObject({ name: 'Dana' });
      if (activityRegistry.get(type).recipient.kind !== 'none') expect(read.body.recipient).toMatchObject({ name: 'Rui' });
      else expect(read.body.recipient).toBeNull();
    }
    const listed = await get(h, `/activities?type=${EXTERNAL_TYPES.join(',')}&limit=100`);
    expect(new Set(listed.body.activities.map((a: { type: string }) => a.type))).toEqual(new Set(EXTERNAL_TYPES));
  });

  it('matches members by email (any case), external id and Slack user id, creating them once', async () => {
    const a = await post(h, '/activities', validItem('badge.given', { initiator: { email: 'MATCH.me@Example.com', name: 'Matchy' }, recipient: { slack_user_id: 'U0ANA' } }));
    const b = await post(h, '/activities', validItem('badge.given', { initiator: { email: 'match.me@example.com' }, recipient: { external_id: 'crm-77' } }));
    const c = await post(h, '/activities', validItem('post.created', { initiator: { external_id: 'crm-77' } }));
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body.activity.initiator.id).toBe(a.body.activity.initiator.id);
    expect(a.body.activity.recipient).toMatchObject({ id: `m_${TEAM_ID}_U0ANA`, slack_user_id: 'U0ANA' });
    expect(c.body.activity.initiator.id).toBe(b.body.activity.recipient.id);
    const member = await h.app.store.members.get(TEAM_ID, a.body.activity.initiator.id);
    expect(member).toMatchObject({ email: 'match.me@example.com', displayName: 'Matchy' });
    expect(member?.lastActiveAt?.toISOString()).toBe('2024-03-01T12:00:00.000Z');
  });

  it('accepts an activity without initiator where there is none (failed sign-in to an unknown account)', async () => {
    const result = await post(h, '/activities', { ...validItem('site.auth.login_failure'), initiator: undefined });
    expect(result.status).toBe(201);
    expect(result.body.activity.initiator).toBeNull();
  });

  const invalid: [string, unknown, number, string, string[]][] = [
    ['an unknown type', validItem('post.created', { type: 'post.liked' }), 400, 'activity_unknown_type', ['type']],
    ['an unsupported version', validItem('post.created', { version: 9 }), 400, 'activity_unknown_version', ['version']],
    ['a version that is not a number', validItem('post.created', { version: '1' }), 400, 'invalid_request', ['version']],
    ['metadata failing its schema', validItem('post.created', { metadata: { post_id: 'p1', post_title: 5 } }), 422, 'activity_invalid_metadata', ['metadata.post_title', 'metadata.feed_id', 'metadata.excerpt']],
    ['a metadata key its version does not define', validItem('post.created', { metadata: { ...storedExample('post.created', 1), foo: 'bar' } }), 422, 'activity_invalid_metadata', ['metadata.foo']],
    ['a recipient on a type without one', validItem('post.created', { recipient: { email: 'x@example.com' } }), 422, 'activity_recipient_not_allowed', ['recipient']],
    ['no recipient on a type that needs one', validItem('award.given', { recipient: null }), 422, 'activity_recipient_required', ['recipient']],
    ['a Slack-only type', validItem('post.created', { type: 'slack_message.created' }), 400, 'activity_not_ingestible', ['type']],
    ['a bad occurred_at', validItem('post.created', { occurred_at: '2024-03-01 12:00' }), 400, 'invalid_request', ['occurred_at']],
    ['an occurred_at days ahead', validItem('post.created', { occurred_at: '2999-01-01T00:00:00Z' }), 400, 'invalid_request', ['occurred_at']],
    ['an unknown field', validItem('post.created', { occured_at: 'typo' }), 400, 'invalid_request', ['occured_at']],
    ['a member without identity', validItem('post.created', { initiator: { name: 'Nobody' } }), 400, 'invalid_request', ['initiator']],
    ['a malformed Slack user id', validItem('post.created', { initiator: { slack_user_id: 'ana' } }), 400, 'invalid_request', ['initiator.slack_user_id']],
    ['no metadata', validItem('post.created', { metadata: undefined }), 400, 'invalid_request', ['metadata']],
    ['a JSON array', [validItem('post.created')], 400, 'invalid_request', ['']],
    [
      'several problems at once',
      validItem('award.given', { occurred_at: 'soon', recipient: null, metadata: { award_id: 7 } }),
      400,
      'invalid_request',
      ['occurred_at', 'recipient', 'metadata.award_id', 'metadata.award_name'],
    ],
  ];

  it.each(invalid)('refuses %s with every reason, storing nothing', async (_name, body, status, code, paths) => {
    const before = await activityCount(h, TEAM_ID);
    const result = await post(h, '/activities', body);
    expectDocumented(createActivity, result);
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(result.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([...paths].sort());
    for (const issue of result.body.error.issues) expect(issue.message).toEqual(expect.any(String));
    expect(await activityCount(h, TEAM_ID)).toBe(before);
  });

  it('refuses malformed JSON and a missing body', async () => {
    const malformed = await post(h, '/activities', '{"type": "post.created",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'body' }] });
    const none = await h.api('/api/v1/activities', { method: 'POST' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([{ path: 'body', message: 'missing JSON body' }]);
  });

  it.each(SLACK_TYPES)('cannot forge the Slack type %s', async (type) => {
    const example = storedExample(type, activityRegistry.currentVersion(type));
    const result = await post(h, '/activities', { type, occurred_at: '2024-03-01T12:00:00Z', initiator: { slack_user_id: 'U0ANA' }, metadata: example });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 'activity_not_ingestible', issues: [{ path: 'type' }] });
    const batch = await post(h, '/activities/batch', { activities: [validItem('post.created'), { type, occurred_at: '2024-03-01T12:00:00Z', metadata: example }] });
    expect(batch.status).toBe(400);
    expect(batch.body.error.items).toEqual([{ index: 1, external_id: null, code: 'activity_not_ingestible', issues: [expect.objectContaining({ path: 'type' })] }]);
  });

  describe('batches', () => {
    it('record every item, reporting each', async () => {
      const before = await activityCount(h, TEAM_ID);
      const activities = EXTERNAL_TYPES.map((type, i) => validItem(type, { external_id: `batch-a-${i}`, occurred_at: `2024-04-0${1 + (i % 9)}T10:00:00Z` }));
      const result = await post(h, '/activities/batch', { activities });
      expectDocumented(createActivityBatch, result);
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({ created: activities.length, duplicates: 0 });
      expect(result.body.items.map((i: { index: number; external_id: string; created: boolean }) => [i.index, i.external_id, i.created])).toEqual(
        activities.map((a, i) => [i, a.external_id, true]),
      );
      expect(await activityCount(h, TEAM_ID)).toBe(before + activities.length);
      const one = await get(h, `/activities/${result.body.items[3].id}`);
      expect(one.body.type).toBe(EXTERNAL_TYPES[3]);
    });

    it('store nothing when one item is invalid, and say which items failed and why', async () => {
      const before = await activityCount(h, TEAM_ID);
      const activities = [
        validItem('post.created', { external_id: 'batch-b-0' }),
        validItem('post.created', { external_id: 'batch-b-1', metadata: { post_id: 'p' } }),
        validItem('comment.created', { external_id: 'batch-b-2' }),
        validItem('award.given', { external_id: 'batch-b-3', recipient: undefined }),
        validItem('post.created', { type: 'nope.nope' }),
      ];
      const result = await post(h, '/activities/batch', { activities });
      expectDocumented(createActivityBatch, result);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('activity_unknown_type');
      expect(result.body.error.message).toMatch(/^3 of 5 activities rejected, nothing stored/);
      expect(result.body.error.items.map((i: { index: number; external_id: string | null; code: string }) => [i.index, i.external_id, i.code])).toEqual([
        [1, 'batch-b-1', 'activity_invalid_metadata'],
        [3, 'batch-b-3', 'activity_recipient_required'],
        [4, null, 'activity_unknown_type'],
      ]);
      expect(result.body.error.issues.map((i: { path: string }) => i.path)).toEqual(
        expect.arrayContaining(['activities.1.metadata.feed_id', 'activities.3.recipient', 'activities.4.type']),
      );
      expect(await activityCount(h, TEAM_ID)).toBe(before);
      expect(await h.app.store.activityReads.findBySourceKey(TEAM_ID, 'ext:batch-b-0')).toBeNull();
    });

    it('answer 422 when every refused item is well-formed but does not fit the registry', async () => {
      const result = await post(h, '/activities/batch', { activities: [validItem('post.created'), validItem('post.created', { metadata: {} })] });
      expect(result.status).toBe(422);
      expect(result.body.error.code).toBe('activity_invalid_metadata');
    });

    it('hold 1 to 1,000 activities', async () => {
      const empty = await post(h, '/activities/batch', { activities: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.error.issues).toEqual([{ path: 'activities', message: 'send at least one activity' }]);
      const tooMany = await post(h, '/activities/batch', { activities: Array.from({ length: 1001 }, () => validItem('post.created')) });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.issues).toEqual([{ path: 'activities', message: 'send at most 1000 activities per batch' }]);
      const notABatch = await post(h, '/activities/batch', validItem('post.created'));
      expect(notABatch.status).toBe(400);
    });

    it('record a full batch of 1,000 in one request', async () => {
      const before = await activityCount(h, TEAM_ID);
      const activities = Array.from({ length: 1000 }, (_, i) =>
        validItem('comment.created', { external_id: `full-${i}`, initiator: { external_id: `member-${i % 50}` }, occurred_at: new Date(Date.UTC(2024, 5, 1) + i * 1000).toISOString() }),
      );
      const result = await post(h, '/activities/batch', { activities });
      expect(result.status).toBe(201);
      expect(result.body.created).toBe(1000);
      expect(await activityCount(h, TEAM_ID)).toBe(before + 1000);
      const members = await h.app.store.members.list({ workspaceId: TEAM_ID, limit: 500 });
      expect(members.items.filter((m) => m.externalId?.startsWith('member-'))).toHaveLength(50);
    });
  });
});
