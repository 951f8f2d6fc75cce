// The read endpoints over real HTTP, on SQLite and PostgreSQL: activity types with their JSON
// Schemas, members with counts and recent activity, stats; and the contract: the served
// OpenAPI document, and every operation's answers matching what it documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { buildOpenApiDocument } from '../../../src/api/openapi/document';
import { API_OPERATIONS } from '../../../src/api/operations';
import type { OperationSpec } from '../../../src/api/operation';
import { getActivity, listActivities } from '../../../src/api/routes/activities';
import { getActivityType, listActivityTypes } from '../../../src/api/routes/activity-types';
import { exportActivities } from '../../../src/api/routes/export';
import { createActivity, createActivityBatch } from '../../../src/api/routes/ingest';
import { getMember, listMembers } from '../../../src/api/routes/members';
import { getOpenApiDocument } from '../../../src/api/routes/openapi';
import { getStats } from '../../../src/api/routes/stats';
import { API_VERSION } from '../../../src/api/router';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { storedExample } from '../../unit/activities/stored-examples';
import { call, expectDocumented, get, post, validItem } from './support';

describe.each(DATABASE_KINDS)('read endpoints (%s)', (kind) => {
  let h: Harness;
  let danaId: string;
  let readerOnlyMembers: string;

  beforeAll(async () => {
    h = await startHarness({ kind });
    const slack = storedExample('slack_message.created', 1);
    // Slack messages in two channels (recorded as the collector records them), ingested activities around them.
    for (const [i, channel] of ['C0GENERAL', 'C0GENERAL', 'C0GENERAL', 'C0LAUNCH'].entries()) {
      await h.app.store.activities.record({
        workspaceId: TEAM_ID,
        type: 'slack_message.created',
        occurredAt: new Date(Date.UTC(2024, 2, 1 + i, 9)),
        initiatorId: await h.app.store.members.ensureSlackMember(TEAM_ID, 'U0ANA', { displayName: 'Ana' }),
        channelId: channel,
        metadata: { ...slack, team_id: TEAM_ID, channel_id: channel, message_ts: `170000010${i}.000200` },
        source: 'slack',
        sourceKey: `msg:${channel}:${i}`,
      });
    }
    await h.app.store.channels.upsert(TEAM_ID, 'C0GENERAL', { name: 'general', isPrivate: false });
    const created = await post(h, '/activities', validItem('award.given', { occurred_at: '2024-03-02T10:00:00Z', recipient: { slack_user_id: 'U0ANA' } }));
    danaId = created.body.activity.initiator.id;
    await post(h, '/activities', validItem('post.created', { occurred_at: '2024-03-03T10:00:00Z' }));
    await post(h, '/activities', validItem('post.created', { occurred_at: '2024-03-03T11:00:00Z' }));
    readerOnlyMembers = (await h.app.store.apiKeys.create({ workspaceId: TEAM_ID, name: 'members only', scopes: ['members:read'] })).secret;
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('activity types', () => {
    it('lists every type with its versions and the JSON Schema of each, as the registry has them', async () => {
      const result = await get(h, '/activity-types');
      expectDocumented(listActivityTypes, result);
      const types = result.body.activity_types as { type: string; source: string; ingestible: boolean; current_version: number; versions: { version: number; metadata_schema: unknown; current: boolean }[] }[];
      expect(types.map((t) => t.type)).toEqual(activityRegistry.list().map((d) => d.type));
      for (const t of types) {
        const definition = activityRegistry.get(t.type);
        expect(t.ingestible).toBe(definition.source === 'external');
        expect(t.current_version).toBe(definition.versions.length);
        expect(t.versions.map((v) => v.version)).toEqual(definition.versions.map((v) => v.version));
        for (const v of t.versions) {
          expect(v.metadata_schema).toEqual(activityRegistry.jsonSchema(t.type, v.version));
          expect(v.current).toBe(v.version === t.current_version);
        }
      }
      expect(types.filter((t) => t.ingestible)).toHaveLength(17);
    });

    it('gives one type, or 404', async () => {
      const one = await get(h, '/activity-types/award.given');
      expectDocumented(getActivityType, one);
      expect(one.body).toMatchObject({ type: 'award.given', source: 'external', recipient: { kind: 'required', who: expect.any(String) } });
      const missing = await get(h, '/activity-types/award.taken');
      expectDocumented(getActivityType, missing);
      expect(missing.status).toBe(404);
    });
  });

  describe('members', () => {
    it('lists members, paged, with a search', async () => {
      const first = await get(h, '/members?limit=1');
      expectDocumented(listMembers, first);
      expect(first.body.members).toHaveLength(1);
      expect(first.body.next_cursor).toEqual(expect.any(String));
      const rest = await get(h, `/members?limit=100&cursor=${first.body.next_cursor}`);
      const all = [...first.body.members, ...rest.body.members];
      expect(new Set(all.map((m: { id: string }) => m.id)).size).toBe(all.length);
      expect(all.map((m: { email: string | null }) => m.email)).toContain('dana@example.com');
      const found = await get(h, '/members?q=dana@example.com');
      expect(found.body.members).toEqual([expect.objectContaining({ id: danaId, name: 'Dana' })]);
    });

    it('shows one member with counts and recent activity, by member id or Slack user id', async () => {
      const ana = await get(h, '/members/U0ANA?recent=3');
      expectDocumented(getMember, ana);
      expect(ana.body).toMatchObject({ id: `m_${TEAM_ID}_U0ANA`, slack_user_id: 'U0ANA', name: 'Ana' });
      expect(ana.body.counts).toEqual({
        initiated: 4,
        received: 1,
        by_type: [
          { type: 'slack_message.created', initiated: 4, received: 0 },
          { type: 'award.given', initiated: 0, received: 1 },
        ],
      });
      expect(ana.body.recent_activities.map((a: { type: string }) => a.type)).toEqual(['slack_message.created', 'slack_message.created', 'award.given']);
      const dana = await get(h, `/members/${danaId}`);
      expect(dana.body.counts.initiated).toBe(3);
      expect(dana.body.recent_activities).toHaveLength(3);
    });

    it('leaves recent activity out for a key without activities:read', async () => {
      const result = await get(h, '/members/U0ANA', { token: readerOnlyMembers });
      expect(result.status).toBe(200);
      expect(result.body.counts.initiated).toBe(4);
      expect(result.body).not.toHaveProperty('recent_activities');
    });

    it('answers 404 for an unknown member', async () => {
      const result = await get(h, '/members/mem_nobody');
      expectDocumented(getMember, result);
      expect(result.status).toBe(404);
    });
  });

  describe('stats', () => {
    it('counts by type and by day, with top members and top channels', async () => {
      const result = await get(h, '/stats?since=2024-03-01&until=2024-04-01');
      expectDocumented(getStats, result);
      expect(result.body).toMatchObject({
        since: '2024-03-01T00:00:00.000Z',
        until: '2024-04-01T00:00:00.000Z',
        total: 7,
        by_type: [
          { type: 'slack_message.created', count: 4 },
          { type: 'post.created', count: 2 },
          { type: 'award.given', count: 1 },
        ],
        top_channels: [
          { channel_id: 'C0GENERAL', name: 'general', count: 3 },
          { channel_id: 'C0LAUNCH', name: null, count: 1 },
        ],
      });
      expect(result.body.by_day).toEqual([
        { day: '2024-03-01', count: 1, by_type: { 'slack_message.created': 1 } },
        { day: '2024-03-02', count: 2, by_type: { 'slack_message.created': 1, 'award.given': 1 } },
        { day: '2024-03-03', count: 3, by_type: { 'slack_message.created': 1, 'post.created': 2 } },
        { day: '2024-03-04', count: 1, by_type: { 'slack_message.created': 1 } },
      ]);
      expect(result.body.top_members).toEqual([
        { member: { id: `m_${TEAM_ID}_U0ANA`, slack_user_id: 'U0ANA', name: 'Ana' }, count: 4 },
        { member: { id: danaId, slack_user_id: null, name: 'Dana' }, count: 3 },
      ]);
      const top1 = await get(h, '/stats?since=2024-03-01&until=2024-04-01&top=1');
      expect(top1.body.top_members).toHaveLength(1);
    });

    it('defaults to the last 30 days, and refuses a backwards range', async () => {
      const recent = await get(h, '/stats');
      expect(recent.status).toBe(200);
      expect(Date.parse(recent.body.until) - Date.parse(recent.body.since)).toBe(30 * 24 * 60 * 60 * 1000);
      const backwards = await get(h, '/stats?since=2024-04-01&until=2024-03-01');
      expectDocumented(getStats, backwards);
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.issues).toEqual([{ path: 'query.until', message: 'since must be before until' }]);
    });
  });

  describe('contract', () => {
    it('serves the OpenAPI document without a key, as generated', async () => {
      const result = await get(h, '/openapi.json', { token: null });
      expectDocumented(getOpenApiDocument, result);
      expect(result.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(API_OPERATIONS, { version: API_VERSION }))));
    });

    it('answers every operation only with documented statuses and bodies', async () => {
      const one = (await get(h, '/activities?limit=1')).body.activities[0].id as string;
      const requests: [OperationSpec, string, string, unknown?][] = [
        [listActivities, 'GET', '/activities?limit=2'],
        [listActivities, 'GET', '/activities?limit=0'],
        [listActivities, 'GET', '/activities?cursor=garbage'],
        [getActivity, 'GET', `/activities/${one}`],
        [getActivity, 'GET', '/activities/act_nope'],
        [createActivity, 'POST', '/activities', validItem('post.created', { external_id: 'contract-1' })],
        [createActivity, 'POST', '/activities', validItem('post.created', { external_id: 'contract-1' })],
        [createActivity, 'POST', '/activities', validItem('post.created', { metadata: {} })],
        [createActivity, 'POST', '/activities', validItem('post.created', { type: 'nope.nope' })],
        [createActivityBatch, 'POST', '/activities/batch', { activities: [validItem('post.created')] }],
        [createActivityBatch, 'POST', '/activities/batch', { activities: [validItem('post.created', { metadata: {} })] }],
        [exportActivities, 'GET', '/export?format=csv&type=award.given'],
        [exportActivities, 'GET', '/export?format=pdf'],
        [getStats, 'GET', '/stats?top=500'],
        [getStats, 'GET', '/stats?since=2024-01-01'],
        [listMembers, 'GET', '/members?limit=2'],
        [listMembers, 'GET', '/members?bogus=1'],
        [getMember, 'GET', `/members/${danaId}`],
        [getMember, 'GET', '/members/nobody'],
        [listActivityTypes, 'GET', '/activity-types'],
        [getActivityType, 'GET', '/activity-types/poll.created'],
        [getOpenApiDocument, 'GET', '/openapi.json'],
      ];
      for (const [operation, method, path, body] of requests) {
        const result = await call(h, method, path, body === undefined ? {} : { body });
        expect(`${method} ${path}`).toBe(`${operation.method.toUpperCase()} ${path}`);
        expectDocumented(operation, result);
      }
      expect(new Set(requests.map(([o]) => o.operationId))).toEqual(new Set(API_OPERATIONS.map((o) => o.operationId)));
    });

    it('answers unknown routes under /api/v1 with a JSON 404', async () => {
      const result = await get(h, '/nothing-here');
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('not_found');
    });
  });
});
