// The API's filters speak /activity's language (src/queries/): type aliases and families,
// times relative to now, channels by name, members by @name; each gives exactly what the id
// or full-name form gives, a word that names nothing is a 400 naming it, and the OpenAPI
// document says so. Real Slack events over HTTP, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallback, messageEvent, reactionAdded, threadReply } from '../../../src/simulator/factories';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { get } from './support';

const DAY_S = 86_400;
const tsAgo = (days: number, micro: number) => `${Math.floor(Date.now() / 1000 - days * DAY_S)}.${String(micro).padStart(6, '0')}`;

describe.each(DATABASE_KINDS)('the API’s filter vocabulary is /activity’s (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
    const send = async (event: { type: string }) => expect((await h.event(eventCallback(event, { team_id: TEAM_ID }))).status).toBe(200);
    const old = messageEvent({ channel: 'C0GENERAL', channel_type: 'channel', user: 'U0ANA', text: 'ten days ago in general', ts: tsAgo(10, 100) });
    const recent = messageEvent({ channel: 'C0GENERAL', channel_type: 'channel', user: 'U0BO', text: 'an hour ago in general', ts: tsAgo(1 / 24, 200) });
    const launch = messageEvent({ channel: 'C0LAUNCH', channel_type: 'channel', user: 'U0ANA', text: 'launch day', ts: tsAgo(2, 300) });
    for (const event of [
      old,
      recent,
      launch,
      threadReply({ ts: launch.ts, user: 'U0ANA', channel: 'C0LAUNCH' }, { user: 'U0BO', text: 'congrats', ts: tsAgo(2, 400) }),
      reactionAdded({ channel: 'C0GENERAL', ts: recent.ts, user: 'U0BO' }, { user: 'U0ANA', reaction: 'tada', event_ts: tsAgo(1 / 48, 500) }),
    ]) {
      await send(event);
    }
    // The channels' names come from Slack (conversations.info), as they would in production.
    await eventually(async () => expect((await h.app.store.channels.list(TEAM_ID)).map((c) => c.name).sort()).toEqual(['general', 'launch']));
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The ids of the activities a list query answers, newest first. */
  async function ids(query: string): Promise<string[]> {
    const result = await get(h, `/activities?${query}`);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    return (result.body.activities as { id: string }[]).map((a) => a.id);
  }
  async function problems(query: string): Promise<{ path: string; message: string }[]> {
    const result = await get(h, `/activities?${query}`);
    expect(result.status, JSON.stringify(result.body)).toBe(400);
    return result.body.error.issues;
  }

  it('type aliases and families mean the types /activity gives them', async () => {
    expect(await ids('type=reactions')).toEqual(await ids('type=slack_reaction.added'));
    expect(await ids('type=reactions')).toHaveLength(1);
    expect(await ids('type=replies,messages')).toEqual(await ids('type=slack_message.threaded_reply.created,slack_message.created'));
    expect(await ids('type=reply')).toEqual(await ids('type=replies'));
    // A family: every type under slack_message.
    expect(await ids('type=slack_message')).toHaveLength(4);
  });

  it('times relative to now: 7d, 2w, 24h, today, yesterday', async () => {
    expect(await ids('since=7d')).toHaveLength(4);
    expect(await ids('since=2w')).toHaveLength(5);
    expect(await ids('since=24h')).toHaveLength(2);
    expect(await ids('until=7d')).toHaveLength(1);
    // today and yesterday are UTC days: today counts from its midnight, until=today up to the next one.
    const startOfToday = new Date(new Date().toISOString().slice(0, 10));
    expect(await ids('until=today')).toHaveLength(5);
    expect(await ids('since=today')).toEqual(await ids(`since=${startOfToday.toISOString()}`));
    expect(await ids('until=yesterday')).toEqual(await ids(`until=${new Date(startOfToday.getTime() - DAY_S * 1000).toISOString()}`));
    // Stats take the same words.
    const stats = await get(h, '/stats?since=2w');
    expect(stats.status).toBe(200);
    expect(stats.body.total).toBe(5);
  });

  it('channels by name, with or without #, and several at once', async () => {
    expect(await ids('channel=general')).toEqual(await ids('channel=C0GENERAL'));
    expect(await ids('channel=%23general')).toEqual(await ids('channel=C0GENERAL'));
    expect(await ids('channel=launch,general')).toHaveLength(5);
    expect(await ids('channel=launch&channel=C0GENERAL')).toHaveLength(5);
  });

  it('members by @name (display or real name)', async () => {
    expect(await ids('member=%40Bo')).toEqual(await ids('member=U0BO'));
    expect(await ids('member=%40ana%20lima')).toEqual(await ids('member=U0ANA'));
  });

  it('a word that names nothing is a 400 naming it, every problem at once', async () => {
    expect(await problems('type=sparkles&channel=%23nowhere&member=%40nobody&since=fortnight')).toEqual([
      { path: 'query.since', message: 'expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), or a time relative to now (7d, 24h, 2w, today, yesterday, now)' },
      { path: 'query.type', message: '"sparkles" is not a registered activity type' },
    ]);
    // Once the query reads, names are looked up in the workspace: each unknown one is named.
    expect(await problems('channel=%23nowhere&member=%40nobody')).toEqual([
      { path: 'query.channel', message: 'no channel named #nowhere in this workspace (the app knows the channels its bot has seen)' },
      { path: 'query.member', message: 'no member named @nobody in this workspace' },
    ]);
    expect(await problems(`channel=${Array.from({ length: 11 }, (_, i) => `c${i}`).join(',')}`)).toEqual([{ path: 'query.channel', message: 'at most 10 channels' }]);
    // A bare @ names nobody (it is not "every member", nor the only one).
    expect(await problems('member=%40')).toEqual([{ path: 'query.member', message: 'expected a name after @ (or a Slack user id)' }]);
    expect(await problems('member=%40%20%20')).toEqual([{ path: 'query.member', message: 'expected a name after @ (or a Slack user id)' }]);
  });

  it('the export takes the same words', async () => {
    const res = await h.api('/api/v1/export?type=reactions&since=7d&channel=general');
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; channel_id: string });
    expect(lines).toEqual([expect.objectContaining({ type: 'slack_reaction.added', channel_id: 'C0GENERAL' })]);
  });

  it('the OpenAPI document says so', async () => {
    const doc = (await get(h, '/openapi.json')).body;
    const parameters = doc.paths['/activities'].get.parameters as { name: string; description: string }[];
    const described = Object.fromEntries(parameters.map((p) => [p.name, p.description]));
    expect(described.type).toContain('reactions');
    expect(described.type).toContain('family');
    expect(described.since).toContain('7d');
    expect(described.until).toContain('today');
    expect(described.channel).toContain('#launch');
    expect(described.member).toContain('@name');
  });
});
