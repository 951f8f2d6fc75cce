// What the API says about a bad request, over real HTTP on SQLite and PostgreSQL: every
// problem in one answer (the schema's and the registry's together), each at its path, in plain
// words; metadata keys a type's version does not define refused, with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActivities } from '../../../src/api/routes/activities';
import { exportActivities } from '../../../src/api/routes/export';
import { createActivity, createActivityBatch } from '../../../src/api/routes/ingest';
import { getMember, listMembers } from '../../../src/api/routes/members';
import { getStats } from '../../../src/api/routes/stats';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { storedExample } from '../../unit/activities/stored-examples';
import { activityCount, expectDocumented, get, post, validItem, type ApiResult } from './support';

/** zod's own wording, which should never reach a caller. */
const ZOD_WORDING = /Invalid (input|option|URL|ISO|email)|Too (small|big)|received (undefined|NaN|string|number)|Unrecognized key|expected (string|number|int|object|array)\b|[<>]=/;

const issuesOf = (result: ApiResult) => result.body.error.issues as { path: string; message: string }[];

describe.each(DATABASE_KINDS)('problems with a request (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('queries: one 400 lists every problem', () => {
    it('GET /activities?limit=abc&foo=bar&type=nope names limit, foo and type', async () => {
      const result = await get(h, '/activities?limit=abc&foo=bar&type=nope');
      expectDocumented(listActivities, result);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('invalid_request');
      expect(issuesOf(result)).toEqual([
        { path: 'query.limit', message: 'expected a number from 1 to 500' },
        { path: 'query.foo', message: 'unknown parameter' },
        { path: 'query.type', message: '"nope" is not a registered activity type' },
      ]);
    });

    it('GET /export lists its problems before streaming anything', async () => {
      const result = await get(h, '/export?format=pdf&foo=bar&type=post.created,nope&since=2024-05-01&until=2024-04-01');
      expectDocumented(exportActivities, result);
      expect(result.status).toBe(400);
      expect(result.headers.get('content-type')).toContain('application/json');
      expect(issuesOf(result)).toEqual([
        { path: 'query.format', message: 'expected one of: ndjson, csv' },
        { path: 'query.foo', message: 'unknown parameter' },
        { path: 'query.until', message: 'since must be before until' },
        { path: 'query.type', message: '"nope" is not a registered activity type' },
      ]);
    });

    it('GET /stats, /members and /members/{id} too', async () => {
      const stats = await get(h, '/stats?top=&since=last+week&extra=1');
      expectDocumented(getStats, stats);
      expect(stats.status).toBe(400);
      expect(issuesOf(stats)).toEqual([
        { path: 'query.since', message: 'expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), or a time relative to now (7d, 24h, 2w, today, yesterday, now)' },
        { path: 'query.top', message: 'expected a number from 1 to 100' },
        { path: 'query.extra', message: 'unknown parameter' },
      ]);
      const members = await get(h, '/members?limit=501&q=&bogus=1');
      expectDocumented(listMembers, members);
      expect(issuesOf(members)).toEqual([
        { path: 'query.q', message: 'must not be empty' },
        { path: 'query.limit', message: 'must be at most 500' },
        { path: 'query.bogus', message: 'unknown parameter' },
      ]);
      const member = await get(h, '/members/U0ANA?recent=lots');
      expectDocumented(getMember, member);
      expect(issuesOf(member)).toEqual([{ path: 'query.recent', message: 'expected a number from 0 to 100' }]);
    });

    it.each([
      ['limit=', 'query.limit', 'expected a number from 1 to 500'],
      ['limit=0', 'query.limit', 'must be at least 1'],
      ['limit=501', 'query.limit', 'must be at most 500'],
      ['member=', 'query.member', 'must not be empty'],
      ['since=tomorrow', 'query.since', 'expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), or a time relative to now (7d, 24h, 2w, today, yesterday, now)'],
    ])('GET /activities?%s says so in plain words', async (query, path, message) => {
      const result = await get(h, `/activities?${query}`);
      expect(result.status).toBe(400);
      expect(issuesOf(result)).toEqual([{ path, message }]);
    });

    it('still reads a good query', async () => {
      const result = await get(h, '/activities?limit=5&type=post.created');
      expectDocumented(listActivities, result);
      expect(result.status).toBe(200);
    });
  });

  describe('ingest: metadata keys a version does not define', () => {
    it('refuses POST /activities with 422 naming metadata.<key>, and stores nothing', async () => {
      const before = await activityCount(h, TEAM_ID);
      const metadata = { ...storedExample('award.given', 1), stars: 5, colour: 'gold' };
      const result = await post(h, '/activities', validItem('award.given', { external_id: 'unknown-keys-1', metadata }));
      expectDocumented(createActivity, result);
      expect(result.status).toBe(422);
      expect(result.body.error.code).toBe('activity_invalid_metadata');
      expect(issuesOf(result)).toEqual([
        { path: 'metadata.stars', message: 'unknown field: not part of award.given v1' },
        { path: 'metadata.colour', message: 'unknown field: not part of award.given v1' },
      ]);
      expect(result.body.error.message).toBe(
        'activity rejected, nothing stored: metadata.stars: unknown field: not part of award.given v1; metadata.colour: unknown field: not part of award.given v1',
      );
      expect(await activityCount(h, TEAM_ID)).toBe(before);
      expect(await h.app.store.activityReads.findBySourceKey(TEAM_ID, 'ext:unknown-keys-1')).toBeNull();

      // Without the unknown keys, the same activity is recorded.
      const fixed = await post(h, '/activities', validItem('award.given', { external_id: 'unknown-keys-1' }));
      expect(fixed.status).toBe(201);
    });

    it('refuses unknown keys inside nested metadata (a poll option)', async () => {
      const example = storedExample('poll.created', 1);
      const options = (example.options as Record<string, unknown>[]).map((o, i) => (i === 1 ? { ...o, votes: 0 } : o));
      const result = await post(h, '/activities', validItem('poll.created', { metadata: { ...example, options } }));
      expect(result.status).toBe(422);
      expect(issuesOf(result)).toEqual([{ path: 'metadata.options.1.votes', message: 'unknown field: not part of poll.created v1' }]);
    });

    it('refuses a batch with an unknown metadata key in one item, storing none of it', async () => {
      const before = await activityCount(h, TEAM_ID);
      const activities = [
        validItem('post.created', { external_id: 'unknown-keys-batch-0' }),
        validItem('post.created', { external_id: 'unknown-keys-batch-1', metadata: { ...storedExample('post.created', 1), likes: 12 } }),
      ];
      const result = await post(h, '/activities/batch', { activities });
      expectDocumented(createActivityBatch, result);
      expect(result.status).toBe(422);
      expect(result.body.error.code).toBe('activity_invalid_metadata');
      expect(result.body.error.items).toEqual([
        {
          index: 1,
          external_id: 'unknown-keys-batch-1',
          code: 'activity_invalid_metadata',
          issues: [{ path: 'metadata.likes', message: 'unknown field: not part of post.created v1' }],
        },
      ]);
      expect(issuesOf(result)).toEqual([{ path: 'activities.1.metadata.likes', message: 'unknown field: not part of post.created v1' }]);
      expect(await activityCount(h, TEAM_ID)).toBe(before);
      expect(await h.app.store.activityReads.findBySourceKey(TEAM_ID, 'ext:unknown-keys-batch-0')).toBeNull();
    });

    it('reports unknown keys of the activity and of its members at their own paths, with the metadata ones', async () => {
      const item = validItem('post.created', {
        occured_at: '2024-03-01T12:00:00Z',
        initiator: { email: 'dana@example.com', nickname: 'D' },
        metadata: { ...storedExample('post.created', 1), foo: 1 },
      });
      const result = await post(h, '/activities', item);
      expectDocumented(createActivity, result);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('invalid_request');
      expect(issuesOf(result)).toEqual([
        { path: 'initiator.nickname', message: 'unknown field: not part of a member (slack_user_id, email, external_id, name)' },
        { path: 'occured_at', message: 'unknown field: not part of an activity (type, version, occurred_at, initiator, recipient, metadata, external_id)' },
        { path: 'metadata.foo', message: 'unknown field: not part of post.created v1' },
      ]);
      const batch = await post(h, '/activities/batch', { activities: [validItem('post.created')], dry_run: true });
      expectDocumented(createActivityBatch, batch);
      expect(batch.status).toBe(400);
      expect(issuesOf(batch)).toEqual([{ path: 'dry_run', message: 'unknown field: not part of a batch (activities)' }]);
    });
  });

  it('never answers in zod\'s wording', async () => {
    const answers = [
      await get(h, '/activities?limit=abc&foo=bar&type=nope&since=x&member='),
      await get(h, '/activities?limit=&cursor='),
      await get(h, '/export?format=xml'),
      await get(h, '/stats?top=1000'),
      await get(h, '/members?limit=0'),
      await post(h, '/activities', { type: 5, version: 'one', occurred_at: 'soon', initiator: { email: 'x' }, metadata: [], extra: 1 }),
      await post(h, '/activities', validItem('post.created', { metadata: { post_id: '', excerpt: 7, url: 'nope', tags: 'a', bogus: 1 } })),
      await post(h, '/activities/batch', { activities: [{}, validItem('award.given', { recipient: { slack_user_id: 'ana' } })] }),
    ];
    const messages = answers.flatMap((a) => issuesOf(a).map((i) => `${i.path}: ${i.message}`));
    expect(messages.length).toBeGreaterThan(20);
    for (const message of messages) expect(message).not.toMatch(ZOD_WORDING);
    expect(messages).toEqual(
      expect.arrayContaining([
        'query.member: must not be empty',
        'query.cursor: must not be empty',
        'type: expected a string',
        'version: expected a number',
        'occurred_at: expected an ISO 8601 instant like 2024-05-01T12:00:00Z',
        'initiator.email: expected an email address',
        'metadata: expected an object',
        'metadata.excerpt: expected a string',
        'metadata.feed_id: required',
        'metadata.url: expected a URL',
        'metadata.tags: expected an array',
        'activities.0.type: required',
        'activities.1.recipient.slack_user_id: a Slack user id like U0123ABC',
      ]),
    );
  });
});
