// The store queries behind browsing, on both databases: keyset pages in both directions (ties
// on the timestamp included), visibility, and per-day counts in the viewer's zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityFilter } from '../../../src/activities/read-model';
import type { NewActivity } from '../../../src/store/repositories/activity-repository';
import type { Store } from '../../../src/store/store';
import { createTestStore, DATABASE_KINDS } from '../../support/databases';

const WS = 'T0QUERIES';
const BASE = Date.parse('2026-11-04T12:00:00Z');

describe.each(DATABASE_KINDS)('browse queries on %s', (kind) => {
  let store: Store;
  let ana: string;

  beforeAll(async () => {
    store = await createTestStore(kind);
    await store.workspaces.ensure(WS);
    await store.workspaces.ensure('T0ELSEWHERE');
    ana = await store.members.ensureSlackMember(WS, 'U0ANA', { displayName: 'Ana' });
    const elsewhere = await store.members.ensureSlackMember('T0ELSEWHERE', 'U0FAR', { displayName: 'Far' });
    const message = (i: number, at: number, extra: Partial<NewActivity> = {}, excerpt = `message ${i}`): NewActivity => ({
      workspaceId: WS,
      type: 'slack_message.created',
      occurredAt: new Date(at),
      initiatorId: ana,
      channelId: 'C0PUBLIC',
      metadata: { team_id: WS, channel_id: (extra.channelId as string | undefined) ?? 'C0PUBLIC', message_ts: `1790000${100 + i}.000100`, excerpt },
      source: 'slack',
      sourceKey: `m:${i}`,
      ...extra,
    });
    const drafts: NewActivity[] = [];
    // 25 public messages, one per minute, except messages 10-14 which share one instant.
    for (let i = 1; i <= 25; i++) drafts.push(message(i, i >= 10 && i <= 14 ? BASE - 10 * 60_000 : BASE - i * 60_000));
    drafts.push(message(100, BASE - 30 * 60_000, { channelId: 'G0PRIVATE', channelPrivate: true, sourceKey: 'm:private' }, 'private words'));
    drafts.push(message(101, BASE - 40 * 60_000, { sourceKey: 'm:percent' }, 'we hit 50% today'));
    drafts.push(message(102, BASE - 41 * 60_000, { sourceKey: 'm:fifty' }, 'we hit 500 today'));
    // 23:30 UTC on Nov 3 is already Nov 4 in Paris.
    drafts.push(message(103, Date.parse('2026-11-03T23:30:00Z'), { sourceKey: 'm:late' }, 'late night'));
    drafts.push({ ...message(104, BASE, { sourceKey: 'm:far', initiatorId: elsewhere }), workspaceId: 'T0ELSEWHERE', metadata: { team_id: 'T0ELSEWHERE', channel_id: 'C0FAR', message_ts: '1.2', excerpt: 'far' } });
    await store.activities.recordMany(drafts);
  });

  afterAll(async () => {
    await store?.close();
  });

  const visible: ActivityFilter = { workspaceId: WS, visibleTo: { privateChannelIds: [] } };

  it('pages older then newer without skipping or repeating rows that share a timestamp', async () => {
    const seen: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page = await store.activityReads.browsePage(visible, { limit: 7, after });
      seen.push(page.items.map((a) => a.id));
      if (seen.length > 1) expect(page.newerCursor).not.toBeNull();
      if (!page.olderCursor) break;
      after = page.olderCursor;
    }
    const all = seen.flat();
    expect(all).toHaveLength(28); // 25 + two "50" messages + the late one; private and elsewhere excluded
    expect(new Set(all).size).toBe(all.length);
    const full = await store.activityReads.browsePage(visible, { limit: 100 });
    expect(full.items.map((a) => a.id)).toEqual(all);
    expect(full.olderCursor).toBeNull();
    expect(full.newerCursor).toBeNull();

    // Back from the last page: each earlier page again, in the same order.
    let before = (await store.activityReads.browsePage(visible, { limit: 7, after: after })).newerCursor;
    for (let index = seen.length - 2; index >= 0; index--) {
      const page = await store.activityReads.browsePage(visible, { limit: 7, before });
      expect(page.items.map((a) => a.id)).toEqual(seen[index]);
      expect(page.olderCursor).not.toBeNull();
      before = page.newerCursor;
    }
    expect(before).toBeNull();
  });

  it('shows a private channel only to those listed as its members', async () => {
    const hidden = await store.activityReads.browsePage(visible, { limit: 100 });
    expect(hidden.items.some((a) => a.channelId === 'G0PRIVATE')).toBe(false);
    const shown = await store.activityReads.browsePage({ ...visible, visibleTo: { privateChannelIds: ['G0PRIVATE'] } }, { limit: 100 });
    expect(shown.items.some((a) => a.channelId === 'G0PRIVATE')).toBe(true);
  });

  it('counts per day in the viewer zone, with the same filters and visibility', async () => {
    const range = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-05T00:00:00Z') };
    const utc = await store.activityReads.countPerDay({ ...visible, ...range }, 0);
    expect(utc).toEqual([
      { day: '2026-11-03', type: 'slack_message.created', count: 1 },
      { day: '2026-11-04', type: 'slack_message.created', count: 27 },
    ]);
    const paris = await store.activityReads.countPerDay({ ...visible, ...range }, 60);
    expect(paris).toEqual([{ day: '2026-11-04', type: 'slack_message.created', count: 28 }]);
    const withPrivate = await store.activityReads.countPerDay({ ...visible, ...range, visibleTo: { privateChannelIds: ['G0PRIVATE'] } }, 60);
    expect(withPrivate[0]?.count).toBe(29);
    // LIKE wildcards in the text are taken literally.
    const percent = await store.activityReads.countPerDay({ ...visible, ...range, q: '50%' }, 0);
    expect(percent).toEqual([{ day: '2026-11-04', type: 'slack_message.created', count: 1 }]);
    const underscore = await store.activityReads.countPerDay({ ...visible, ...range, q: 'message_1' }, 0);
    expect(underscore).toEqual([]);
    const byMember = await store.activityReads.countPerDay({ ...visible, ...range, memberId: ana, channelIds: ['C0PUBLIC'], types: ['slack_message.created'] }, 0);
    expect(byMember.reduce((s, r) => s + r.count, 0)).toBe(28);
    const other = await store.activityReads.countPerDay({ ...visible, ...range, types: ['slack_reaction.added'] }, 0);
    expect(other).toEqual([]);
  });

  it('the per-day count and the lists read the same rows for every filter (one translation, two forms)', async () => {
    const range = { since: new Date('2000-01-01T00:00:00Z'), until: new Date('2100-01-01T00:00:00Z') };
    const filters: ActivityFilter[] = [
      { ...visible },
      { ...visible, visibleTo: { privateChannelIds: ['G0PRIVATE'] } },
      { ...visible, memberId: ana },
      { ...visible, initiatorId: ana, types: ['slack_message.created'] },
      { ...visible, recipientId: ana },
      { ...visible, channelIds: ['C0PUBLIC', 'G0PRIVATE'] },
      { ...visible, q: 'message' },
      { ...visible, q: '50%' },
      { ...visible, since: new Date('2026-11-04T00:00:00Z'), until: new Date('2026-11-04T12:00:00Z') },
    ];
    for (const filter of filters) {
      const perDay = await store.activityReads.countPerDay({ ...range, ...filter }, 0);
      const listed = await store.activityReads.count({ ...range, ...filter });
      expect(perDay.reduce((n, d) => n + d.count, 0), JSON.stringify(filter)).toBe(listed);
    }
  });
});
