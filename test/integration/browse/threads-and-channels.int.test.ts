// The read layer's thread and channel queries (src/queries/threads.ts, channels.ts), over
// activity recorded from real Slack events on SQLite and PostgreSQL: a thread asked from any
// of its activities is the same story in order (parent, replies, reactions to any of them,
// edits, deletions), and nothing from another thread or channel slips in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOverview } from '../../../src/queries/channels';
import { threadOf } from '../../../src/queries/threads';
import { eventCallback, messageChanged, messageDeleted, messageEvent, reactionAdded, threadReply } from '../../../src/simulator/factories';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';

describe.each(DATABASE_KINDS)('threads and channels from the read layer (%s)', (kind) => {
  let h: Harness;
  /** Source keys of the thread's activities, in the order they happened. */
  const threadKeys: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ kind });
    const send = async (event: { type: string }) => expect((await h.event(eventCallback(event, { team_id: TEAM_ID }))).status).toBe(200);
    const inGeneral = { channel: 'C0GENERAL', channel_type: 'channel' as const };
    const parent = messageEvent({ ...inGeneral, user: 'U0ANA', text: 'Launch plan for Friday?' });
    const other = messageEvent({ ...inGeneral, user: 'U0BO', text: 'an unrelated message' });
    const first = threadReply({ ts: parent.ts, user: 'U0ANA', channel: 'C0GENERAL', channel_type: 'channel' }, { user: 'U0BO', text: 'Friday works' });
    const second = threadReply({ ts: parent.ts, user: 'U0ANA', channel: 'C0GENERAL', channel_type: 'channel' }, { user: 'U0CY', text: 'oops, wrong thread' });
    const elsewhere = threadReply({ ts: other.ts, user: 'U0BO', channel: 'C0GENERAL', channel_type: 'channel' }, { user: 'U0ANA', text: 'a reply in another thread' });
    const inLaunch = messageEvent({ channel: 'C0LAUNCH', channel_type: 'channel', user: 'U0ANA', text: 'same words, another channel' });
    const events: { type: string }[] = [
      parent,
      other,
      first,
      reactionAdded({ channel: 'C0GENERAL', ts: parent.ts, user: 'U0ANA' }, { user: 'U0BO', reaction: 'rocket' }),
      second,
      reactionAdded({ channel: 'C0GENERAL', ts: first.ts, user: 'U0BO' }, { user: 'U0ANA', reaction: 'thumbsup' }),
      messageChanged({ ...first, channel: 'C0GENERAL' }, { text: 'Friday works for me' }),
      messageDeleted({ ...second, channel: 'C0GENERAL' }),
      elsewhere,
      reactionAdded({ channel: 'C0GENERAL', ts: other.ts, user: 'U0BO' }, { user: 'U0CY', reaction: 'eyes' }),
      inLaunch,
    ];
    for (const event of events) await send(event);
    const all = await h.app.store.db.activity.findMany({ orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    const unrelated = new Set([`msg:C0GENERAL:${other.ts}`, `msg:C0GENERAL:${elsewhere.ts}`, `msg:C0LAUNCH:${inLaunch.ts}`]);
    for (const a of all) if (!unrelated.has(a.sourceKey) && !a.sourceKey.startsWith(`react:C0GENERAL:${other.ts}:`)) threadKeys.push(a.sourceKey);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a thread asked from any of its activities is the same story, in order, and nothing else', async () => {
    expect(threadKeys).toHaveLength(7); // parent, 2 replies, 2 reactions, an edit, a deletion
    const rows = await h.app.store.db.activity.findMany({ where: { sourceKey: { in: threadKeys } } });
    for (const row of rows) {
      const thread = await threadOf(h.app.store, TEAM_ID, row.id);
      expect(thread, row.sourceKey).not.toBeNull();
      expect(thread!.activities.map((a) => a.sourceKey), row.sourceKey).toEqual(threadKeys);
      expect(thread!.root?.sourceKey).toBe(threadKeys[0]);
      expect(thread!.channelId).toBe('C0GENERAL');
    }
  });

  it('another workspace’s id, or an activity that is no Slack message, has no thread', async () => {
    const row = await h.app.store.db.activity.findFirstOrThrow({ where: { sourceKey: threadKeys[0] } });
    expect(await threadOf(h.app.store, 'T0OTHERTEAM', row.id)).toBeNull();
    expect(await threadOf(h.app.store, TEAM_ID, 'act_nope')).toBeNull();
  });

  it('a channel’s overview: the channel, its statistics and newest activity, its own only', async () => {
    const since = new Date(Date.now() - 86_400_000);
    const until = new Date(Date.now() + 60_000);
    const general = await channelOverview(h.app.store, TEAM_ID, 'C0GENERAL', { since, until, top: 5, recent: 50 });
    expect(general?.channel?.name).toBe('general');
    expect(general!.stats.total).toBe(10);
    expect(general!.recent.every((a) => a.channelId === 'C0GENERAL')).toBe(true);
    expect(general!.recent).toHaveLength(10);
    expect(general!.stats.topMembers.map((m) => m.slackUserId).sort()).toEqual(['U0ANA', 'U0BO', 'U0CY']);
    const launch = await channelOverview(h.app.store, TEAM_ID, 'C0LAUNCH', { since, until, top: 5, recent: 50 });
    expect(launch!.stats.total).toBe(1);
    expect(await channelOverview(h.app.store, TEAM_ID, 'C0NOWHERE', { since, until, top: 5, recent: 50 })).toBeNull();
  });
});
