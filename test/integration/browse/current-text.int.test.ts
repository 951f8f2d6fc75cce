// A page of activity shows each message edited since it was posted with its newest edit's text
// (one lookup for the whole page), never touching the stored original; on both databases.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listForViewer } from '../../../src/browse/list-for-viewer';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import type { Store } from '../../../src/store/store';
import { activitySentence, mrkdwnToPlain } from '../../../src/ui/sentences';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';

const WS = 'T0CURRENT';
const OTHER = 'T0CURRENTOTHER';
const C = 'C0CURRENT';
const scope = { workspaceId: WS, userId: 'U0ANA', privateChannelIds: [] };

describe.each(DATABASE_KINDS)('current text of edited messages on %s', (kind) => {
  let store: Store;
  let ana: string;

  const place = (ws = WS) => ({ team_id: ws, channel_id: C, channel_name: 'current' });
  const at = (ts: string) => new Date(Math.floor(Number(ts) * 1000));

  function post(ts: string, excerpt: string, extra: Record<string, unknown> = {}): NewActivity {
    return { workspaceId: WS, type: 'slack_message.created', occurredAt: at(ts), initiatorId: ana, channelId: C, metadata: { ...place(), message_ts: ts, excerpt, initiator_name: 'Ana', ...extra }, source: 'slack', sourceKey: `msg:${C}:${ts}` };
  }
  function edit(ts: string, editedTs: string, excerpt: string, occurredAt = at(editedTs), ws = WS, initiatorId = ana): NewActivity {
    return { workspaceId: ws, type: 'slack_message.edited', occurredAt, initiatorId, channelId: C, metadata: { ...place(ws), message_ts: ts, edited_ts: editedTs, excerpt }, source: 'slack', sourceKey: `edit:${C}:${ts}:${editedTs}` };
  }

  beforeAll(async () => {
    store = await createTestStore(kind);
    await store.workspaces.ensure(WS);
    await store.workspaces.ensure(OTHER);
    ana = await store.members.ensureSlackMember(WS, 'U0ANA', { displayName: 'Ana' });
    const far = await store.members.ensureSlackMember(OTHER, 'U0FAR', { displayName: 'Far' });
    await store.activities.recordMany([
      post('1790300001.000100', 'twice edited v1'),
      edit('1790300001.000100', '1790300050.000000', 'twice edited v2'),
      edit('1790300001.000100', '1790300090.000000', 'twice edited v3'),
      post('1790300002.000100', 'never edited'),
      {
        ...post('1790300003.000100', 'reply v1'),
        type: 'slack_message.threaded_reply.created',
        metadata: { ...place(), message_ts: '1790300003.000100', thread_ts: '1790300001.000100', excerpt: 'reply v1', is_broadcast: false, initiator_name: 'Ana' },
      },
      edit('1790300003.000100', '1790300060.000000', 'reply v2'),
      post('1790300004.000100', '', { deleted_at: '2026-11-20T00:00:00.000Z' }),
      edit('1790300004.000100', '1790300070.000000', ''),
      // Stored by an earlier version: timed by Slack's whole-second edited.ts, within the message's own second.
      post('1790300005.900100', 'same second v1'),
      edit('1790300005.900100', '1790300005.000000', 'same second v2'),
      // Same channel and ts in another workspace: not this message.
      edit('1790300002.000100', '1790300080.000000', 'elsewhere', undefined, OTHER, far),
    ]);
  });
  afterAll(async () => store?.close());

  it('shows the newest edit of each message and reply, in one lookup for the page; the stored excerpt stays as posted', async () => {
    const lookup = vi.spyOn(store.activityReads, 'newestEdits');
    const page = await listForViewer({ store, scope, filter: { channels: [], types: ['slack_message.created', 'slack_message.threaded_reply.created'] }, limit: 10 });
    expect(lookup).toHaveBeenCalledTimes(1);
    lookup.mockRestore();
    expect(page.items.map((a) => mrkdwnToPlain(activitySentence(a)))).toEqual([
      'Ana posted in #current: “same second v2” (edited)',
      'Ana posted in #current (message since deleted)',
      'Ana replied in #current: “reply v2” (edited)',
      'Ana posted in #current: “never edited”',
      'Ana posted in #current: “twice edited v3” (edited)',
    ]);
    const first = page.items.find((a) => a.sourceKey === `msg:${C}:1790300001.000100`)!;
    expect(first.metadata.excerpt).toBe('twice edited v1');
    expect(first.edited).toEqual({ excerpt: 'twice edited v3', editedAt: at('1790300090.000000') });
    const stored = await store.activityReads.findBySourceKey(WS, `msg:${C}:1790300001.000100`);
    expect(stored?.metadata.excerpt).toBe('twice edited v1');
    expect(stored).not.toHaveProperty('edited');
  });

  it('asks nothing when the page holds no message', async () => {
    const lookup = vi.spyOn(store.activityReads, 'newestEdits');
    const page = await listForViewer({ store, scope, filter: { channels: [], types: ['slack_message.edited'] }, limit: 10 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(lookup).not.toHaveBeenCalled();
    lookup.mockRestore();
  });
});
