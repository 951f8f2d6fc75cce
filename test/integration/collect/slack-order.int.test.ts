// Activities come back in the order things happened in Slack, to the microsecond: times come
// from each event's own event_ts (not Slack's whole-second edited.ts or the envelope's
// event_time), and within one millisecond the microseconds decide (through the activity id),
// whatever order the events were delivered and committed in. Real signed HTTP into the real
// app, read back through /activity's query and the API, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageChanged, messageEvent, reactionAdded, teamJoin, threadReply } from '../../../src/simulator/factories';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { apiGet, deliverOk } from './support';

describe.each(DATABASE_KINDS)("Slack's order (%s)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The newest `n` activities' source keys, newest first, as /activity and the API list them. */
  async function newest(n: number): Promise<{ browse: string[]; api: string[] }> {
    const page = await h.app.store.activityReads.browsePage({ workspaceId: TEAM_ID }, { limit: n });
    const api = await apiGet(h, `/activities?limit=${n}`);
    expect(api.status).toBe(200);
    const keyOf = new Map(page.items.map((a) => [a.id, a.sourceKey]));
    return { browse: page.items.map((a) => a.sourceKey), api: (api.body.activities as { id: string }[]).map((a) => keyOf.get(a.id) ?? a.id) };
  }

  it('an edit and a join stamped with whole seconds by Slack sort by their event_ts, after the message before them', async () => {
    const second = 1_790_100_000;
    const post = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team: TEAM_ID, text: 'v1', ts: `${second}.100000` });
    // edited.ts is "<second>.000000" and the envelope's event_time is <second>: both earlier than the post.
    const edit = messageChanged(post, { text: 'v2' }, { ts: `${second}.300000`, event_ts: `${second}.300000` });
    const join = teamJoin({ id: 'U0NEWJOIN', team_id: TEAM_ID, name: 'newjoin', profile: { display_name: 'New' } }, { event_ts: `${second}.500000` });
    await deliverOk(h, join);
    await deliverOk(h, edit);
    await deliverOk(h, post);
    expect(edit.message.edited?.ts).toBe(`${second}.000000`);
    const { browse, api } = await newest(3);
    const expected = ['team_join:U0NEWJOIN', `edit:C0GENERAL:${post.ts}:${second}.000000`, `msg:C0GENERAL:${post.ts}`];
    expect(browse).toEqual(expected);
    expect(api).toEqual(expected);
  });

  it('events within one millisecond come back in microsecond order, delivered in any order, one by one or all at once', async () => {
    const ms = '1790200000.123';
    const parent = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', team: TEAM_ID, text: 'parent', ts: `${ms}001` });
    const events = [
      parent,
      threadReply(parent, { user: 'U0ANA', team: TEAM_ID, text: 'reply', ts: `${ms}002` }),
      reactionAdded({ channel: 'C0LAUNCH', ts: parent.ts, user: 'U0BO' }, { user: 'U0CY', reaction: 'tada', event_ts: `${ms}010` }),
      messageEvent({ user: 'U0CY', channel: 'C0LAUNCH', team: TEAM_ID, text: 'another', ts: `${ms}100` }),
      reactionAdded({ channel: 'C0LAUNCH', ts: parent.ts, user: 'U0BO' }, { user: 'U0ANA', reaction: 'eyes', event_ts: `${ms}999` }),
    ];
    // Newest first, one at a time (each its own group commit, so creation order is the reverse of Slack's).
    for (const event of [...events].reverse().slice(0, 2)) await deliverOk(h, event);
    // The rest together (one group commit or a few).
    await Promise.all([...events].reverse().slice(2).map((event) => deliverOk(h, event)));

    const { browse, api } = await newest(5);
    const expected = [
      `react:C0LAUNCH:${parent.ts}:U0ANA:eyes:added:${ms}999`,
      `msg:C0LAUNCH:${ms}100`,
      `react:C0LAUNCH:${parent.ts}:U0CY:tada:added:${ms}010`,
      `msg:C0LAUNCH:${ms}002`,
      `msg:C0LAUNCH:${ms}001`,
    ];
    expect(browse).toEqual(expected);
    expect(api).toEqual(expected);
    // All five share one millisecond: only the id orders them.
    const page = await h.app.store.activityReads.browsePage({ workspaceId: TEAM_ID }, { limit: 5 });
    expect(new Set(page.items.map((a) => a.occurredAt.getTime()))).toEqual(new Set([1_790_200_000_123]));

    // Paging one at a time keeps the order (the keyset bound is (occurredAt, id)).
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const one: Awaited<ReturnType<typeof h.app.store.activityReads.browsePage>> = await h.app.store.activityReads.browsePage({ workspaceId: TEAM_ID }, { limit: 1, after });
      paged.push(one.items[0]!.sourceKey);
      after = one.olderCursor;
    }
    expect(paged).toEqual(expected);
  });
});
