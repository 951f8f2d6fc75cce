// What the collector stored, read back through the JSON API, on SQLite and PostgreSQL:
// authentication, every list filter (type, member, channel, since/until bounds, q, limit and
// cursor paging), 400s with reasons for bad parameters, one activity by id, and the health
// endpoints. The data is recorded through real Slack events, not written to the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, reactionAdded, slackTs, teamJoin, threadReply } from '../../../src/simulator/factories';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { apiGet, deliverOk, stored } from './support';

const at = (iso: string) => slackTs(new Date(iso));

describe.each(DATABASE_KINDS)('activities API over collected events (%s)', (kind) => {
  let h: Harness;
  /** Source keys of the recorded activities, oldest first. */
  const keys: Record<'m1' | 'm2' | 'm3' | 'r1' | 'j1', string> = {} as never;
  const ids: Record<string, string> = {};

  const list = async (query: string) => {
    const result = await apiGet(h, `/activities${query ? `?${query}` : ''}`);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return result.body as { activities: { id: string; type: string }[]; next_cursor: string | null };
  };
  const names = (page: { activities: { id: string }[] }) => page.activities.map((a) => Object.entries(ids).find(([, id]) => id === a.id)?.[0] ?? a.id);

  beforeAll(async () => {
    h = await startHarness({ kind });
    const m1 = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'Alpha: the launch plan', ts: at('2024-03-01T10:00:00Z') });
    const m2 = threadReply(m1, { user: 'U0BO', text: 'Beta answers the plan', ts: at('2024-03-02T10:00:00Z') });
    const m3 = messageEvent({ user: 'U0CY', channel: 'C0LAUNCH', text: 'Gamma ray 100% ready', ts: at('2024-03-03T10:00:00Z') });
    const r1 = reactionAdded(m3, { user: 'U0BO', reaction: 'rocket', event_ts: at('2024-03-04T10:00:00Z') });
    const j1 = teamJoin({ id: 'U0NEWBIE', name: 'newbie', profile: { display_name: 'Newbie', real_name: 'New Bie' } }, { event_ts: at('2024-03-05T10:00:00Z') });
    for (const event of [m1, m2, m3, r1, j1]) await deliverOk(h, event);
    Object.assign(keys, {
      m1: `msg:C0GENERAL:${m1.ts}`,
      m2: `msg:C0GENERAL:${m2.ts}`,
      m3: `msg:C0LAUNCH:${m3.ts}`,
      r1: `react:C0LAUNCH:${m3.ts}:U0BO:rocket:added:${r1.event_ts}`,
      j1: 'team_join:U0NEWBIE',
    });
    for (const [name, key] of Object.entries(keys)) ids[name] = (await stored(h, key)).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 401 without a token, or with a wrong one', async () => {
    for (const token of [null, 'not-the-token-0123456789']) {
      const result = await apiGet(h, '/activities', token);
      expect(result.status).toBe(401);
      expect(result.body.error.code).toBe('unauthorized');
    }
  });

  it('lists everything newest first, in the API shape', async () => {
    const page = await list('');
    expect(names(page)).toEqual(['j1', 'r1', 'm3', 'm2', 'm1']);
    expect(page.next_cursor).toBeNull();
    expect(page.activities[3]).toMatchObject({
      id: ids.m2,
      workspace_id: TEAM_ID,
      type: 'slack_message.threaded_reply.created',
      version: 1,
      stored_version: 1,
      occurred_at: '2024-03-02T10:00:00.000Z',
      received_at: expect.any(String),
      initiator: { slack_user_id: 'U0BO', name: 'Bo' },
      recipient: { slack_user_id: 'U0ANA', name: 'Ana' },
      channel_id: 'C0GENERAL',
      source: 'slack',
      metadata: { excerpt: 'Beta answers the plan', channel_name: 'general', initiator_name: 'Bo', recipient_name: 'Ana' },
    });
  });

  it('filters by type (repeatable and comma-separated)', async () => {
    expect(names(await list('type=slack_message.created'))).toEqual(['m3', 'm1']);
    expect(names(await list('type=slack_message.created,slack_reaction.added'))).toEqual(['r1', 'm3', 'm1']);
    expect(names(await list('type=workspace.user_joined&type=slack_message.threaded_reply.created'))).toEqual(['j1', 'm2']);
  });

  it('filters by member (as initiator or recipient) and by channel', async () => {
    expect(names(await list('member=U0ANA'))).toEqual(['m2', 'm1']);
    expect(names(await list('member=U0CY'))).toEqual(['r1', 'm3']);
    expect(names(await list('member=U0NOBODY'))).toEqual([]);
    expect(names(await list('channel=C0LAUNCH'))).toEqual(['r1', 'm3']);
    expect(names(await list('channel=C0GENERAL&member=U0BO'))).toEqual(['m2']);
  });

  it('filters by time: since inclusive, until exclusive, dates or instants', async () => {
    expect(names(await list('since=2024-03-02T10:00:00Z&until=2024-03-04T10:00:00Z'))).toEqual(['m3', 'm2']);
    expect(names(await list('since=2024-03-03'))).toEqual(['j1', 'r1', 'm3']);
    expect(names(await list('until=2024-03-02'))).toEqual(['m1']);
  });

  it('searches text with q (case-insensitive substring)', async () => {
    expect(names(await list('q=gamma'))).toEqual(['m3']);
    expect(names(await list('q=PLAN'))).toEqual(['m2', 'm1']);
    expect(names(await list('q=launch%20plan'))).toEqual(['m1']);
    expect(names(await list(`q=${encodeURIComponent('100%')}`))).toEqual(['m3']);
    expect(names(await list('q=nowhere-to-be-found'))).toEqual([]);
  });

  it('pages with limit and cursor: every row once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.activities.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['j1', 'r1', 'm3', 'm2', 'm1']);
    const filtered = await list('type=slack_message.created&limit=1');
    expect(names(filtered)).toEqual(['m3']);
    expect(names(await list(`type=slack_message.created&limit=1&cursor=${encodeURIComponent(filtered.next_cursor!)}`))).toEqual(['m1']);
  });

  it('answers 400 with reasons for invalid parameters', async () => {
    const cases: [string, RegExp][] = [
      ['limit=0', /limit/],
      ['limit=501', /limit/],
      ['limit=ten', /limit/],
      ['since=garbage', /since/],
      ['until=2024-13-45', /until/],
      ['since=2024-03-05&until=2024-03-01', /until/],
      ['type=slack_message.teleported', /slack_message\.teleported/],
      ['cursor=not-a-cursor', /cursor/],
      ['colour=blue', /colour/],
    ];
    for (const [query, reason] of cases) {
      const result = await apiGet(h, `/activities?${query}`);
      expect(result.status, query).toBe(400);
      expect(result.body.error.code, query).toMatch(/^invalid_/);
      expect(JSON.stringify(result.body.error), query).toMatch(reason);
    }
    const unknownType = await apiGet(h, '/activities?type=slack_message.teleported');
    expect(unknownType.body.error.issues).toEqual([{ path: 'query.type', message: expect.stringContaining('slack_message.teleported') }]);
  });

  it('gives one activity by id, and 404 for an unknown id', async () => {
    const one = await apiGet(h, `/activities/${ids.r1}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: ids.r1,
      type: 'slack_reaction.added',
      initiator: { slack_user_id: 'U0BO' },
      recipient: { slack_user_id: 'U0CY' },
      channel_id: 'C0LAUNCH',
      metadata: { emoji: 'rocket', channel_name: 'launch' },
    });
    const missing = await apiGet(h, '/activities/act_00000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await apiGet(h, `/activities/${ids.r1}`, null)).status).toBe(401);
  });

  it('/healthz and /readyz answer 200 without a token', async () => {
    const health = await fetch(`${h.app.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const ready = await fetch(`${h.app.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { ok: true, database: kind }]);
  });
});
