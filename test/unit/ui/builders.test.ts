import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import type { HomeData } from '../../../src/browse/home';
import { HOME_MAX_ROWS } from '../../../src/browse/home-state';
import { homeActionOf } from '../../../src/slack/listeners/actions/home-actions';
import { activityListMessage } from '../../../src/ui/blocks/activity-list-message';
import { queryProblemMessage } from '../../../src/ui/blocks/help-message';
import { HOME_ACTIONS, homeView } from '../../../src/ui/blocks/home-view';
import type { Block, HomeView } from '../../../src/ui/blocks/kit';
import { describeFilter } from '../../../src/ui/describe-filter';
import { activityLink, buildPermalink } from '../../../src/ui/links';
import { mrkdwnToPlain } from '../../../src/ui/sentences';
import { activityView, everyTypeExample } from './activity-factory';

const NOW = new Date('2026-11-04T15:30:00Z');
const types = activityRegistry.list().map((d) => d.type);

function buttons(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? b.elements.filter((e) => e.type === 'button').map((e) => e.action_id) : []));
}

function home(overrides: Partial<HomeData>): HomeView {
  const data: HomeData = {
    state: { v: 1, limit: 20 },
    filter: { channels: [], types: [] },
    summary: { total: 12, byType: [{ type: 'slack_message.created', count: 12 }], perDay: Array.from({ length: 7 }, (_, i) => ({ label: `2026-11-0${i + 1}`, count: i })) },
    page: { items: everyTypeExample().slice(0, 5), olderCursor: 'older', newerCursor: null },
    empty: false,
    ...overrides,
  };
  return homeView({ data, types, workspaceName: 'Test Community', botUserId: 'U0BOT', links: { domain: 'acme' }, now: NOW, privateMetadata: '{"v":1,"limit":20}' });
}

describe('the /activity list message', () => {
  it('shows Next only when there is an older page, Previous only past the first', () => {
    const items = everyTypeExample().slice(0, 10);
    expect(buttons(activityListMessage({ filter: { channels: [], types: [] }, items, page: 1, nextValue: 'n' }).blocks)).toEqual(['activity_page_next']);
    expect(buttons(activityListMessage({ filter: { channels: [], types: [] }, items, page: 2, nextValue: 'n', prevValue: 'p' }).blocks)).toEqual(['activity_page_prev', 'activity_page_next']);
    expect(buttons(activityListMessage({ filter: { channels: [], types: [] }, items, page: 3, prevValue: 'p' }).blocks)).toEqual(['activity_page_prev']);
  });

  it('has a readable notification text', () => {
    const message = activityListMessage({ filter: { channels: [{ id: 'C1', label: 'general' }], types: ['slack_message.threaded_reply.created'], rangeLabel: 'this week' }, items: [], page: 1 });
    expect(message.text).toBe('Activity: thread replies in #general this week — No activity found');
  });
});

describe('describeFilter', () => {
  it('says the filter in words', () => {
    expect(describeFilter({ channels: [], types: [] })).toBe('all activity');
    expect(
      mrkdwnToPlain(
        describeFilter({
          member: { slackUserId: 'U1' },
          channels: [{ id: 'C1', label: 'general' }, { id: 'C2', label: 'launch' }],
          types: ['slack_reaction.added', 'slack_message.created'],
          rangeLabel: 'last 7 days',
          text: 'ship',
        }),
      ),
    ).toBe('reactions and messages involving @U1 in #general and #launch last 7 days matching “ship”');
    expect(describeFilter({ channels: [], types: [], since: new Date('2026-11-01T00:00:00Z') })).toMatch(/^all activity since <!date\^1793491200\^/);
  });
});

describe('links', () => {
  it('builds Slack permalinks like Slack does', () => {
    expect(buildPermalink('acme', { channel: 'C1', ts: '1700000200.000300' })).toBe('https://acme.slack.com/archives/C1/p1700000200000300');
    expect(buildPermalink('acme', { channel: 'C1', ts: '2.2', threadTs: '1.1' })).toBe('https://acme.slack.com/archives/C1/p22?thread_ts=1.1&cid=C1');
  });

  it('prefers the stored permalink, then a resolved one, then a built one; none for deleted messages or joins', () => {
    const place = { team_id: 'T0TEST', channel_id: 'C1', message_ts: '1.2', excerpt: 'x' };
    expect(activityLink(activityView({ type: 'slack_message.created', metadata: { ...place, permalink: 'https://x.slack.com/archives/C1/p12' } }), { domain: 'acme' })?.url).toBe('https://x.slack.com/archives/C1/p12');
    expect(activityLink(activityView({ type: 'slack_message.created', metadata: place }), { resolved: new Map([['C1:1.2', 'https://r/1']]) })?.url).toBe('https://r/1');
    expect(activityLink(activityView({ type: 'slack_message.created', metadata: place }), { domain: 'acme' })?.url).toBe('https://acme.slack.com/archives/C1/p12');
    expect(activityLink(activityView({ type: 'slack_message.created', metadata: place }), {})).toBeNull();
    expect(activityLink(activityView({ type: 'slack_message.created', metadata: { ...place, deleted_at: '2026-11-01T00:00:00.000Z' } }), { domain: 'acme' })).toBeNull();
    expect(activityLink(activityView({ type: 'slack_message.deleted', metadata: { team_id: 'T0TEST', channel_id: 'C1', message_ts: '1.2', deleted_ts: '1.3' } }), { domain: 'acme' })).toBeNull();
  });
});

describe('the Home view', () => {
  it('offers Load more until the row limit, then Older and Back to newest', () => {
    expect(buttons(home({}).blocks)).toEqual([HOME_ACTIONS.loadMore, HOME_ACTIONS.refresh]);
    const atMax = home({ state: { v: 1, limit: HOME_MAX_ROWS } });
    expect(buttons(atMax.blocks)).toEqual([HOME_ACTIONS.older, HOME_ACTIONS.refresh]);
    const older = home({ state: { v: 1, limit: 20, older: 'c', window: 2 }, page: { items: everyTypeExample().slice(0, 3), olderCursor: null, newerCursor: 'n' } });
    expect(buttons(older.blocks)).toEqual([HOME_ACTIONS.newest, HOME_ACTIONS.refresh]);
    expect(JSON.stringify(older.blocks)).toContain('older activity, page 2');
  });

  it('has a summary with a sparkline, type counts and filter controls holding the state', () => {
    const view = home({ state: { v: 1, limit: 20, type: 'slack_message.created', user: 'U1', from: '2026-11-01' } });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*12 activities* in the last 7 days\\n`▁▂▃▅▆▇█`');
    const filters = view.blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('home_filters_'));
    expect(filters).toMatchObject({
      elements: [
        { type: 'static_select', initial_option: { value: 'slack_message.created' } },
        { type: 'users_select', initial_user: 'U1' },
        { type: 'conversations_select', filter: { include: ['public', 'private'], exclude_bot_users: true } },
        { type: 'datepicker', initial_date: '2026-11-01' },
        { type: 'datepicker' },
        { type: 'button', action_id: HOME_ACTIONS.clear },
      ],
    });
    // A different filter gets a different block_id, so Slack shows the new initial values.
    const other = home({ state: { v: 1, limit: 20 } }).blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('home_filters_'));
    expect(other?.block_id).not.toBe(filters?.block_id);
  });

  it('explains an empty workspace instead of showing a blank tab', () => {
    const view = home({ empty: true, summary: { total: 0, byType: [], perDay: [] }, page: { items: [], olderCursor: null, newerCursor: null } });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Nothing recorded yet in Test Community');
    expect(text).toContain('/invite <@U0BOT>');
    expect(text).toContain('Direct messages, bot messages and system messages are never collected');
  });
});

describe('Home clicks', () => {
  it('map each control to a state change', () => {
    expect(homeActionOf({ action_id: HOME_ACTIONS.type, type: 'static_select', selected_option: { value: 'post.created' } })).toEqual({ kind: 'type', value: 'post.created' });
    expect(homeActionOf({ action_id: HOME_ACTIONS.user, type: 'users_select', selected_user: 'U1' })).toEqual({ kind: 'user', value: 'U1' });
    expect(homeActionOf({ action_id: HOME_ACTIONS.channel, type: 'conversations_select', selected_conversation: 'C1' })).toEqual({ kind: 'channel', value: 'C1' });
    expect(homeActionOf({ action_id: HOME_ACTIONS.from, type: 'datepicker', selected_date: '2026-11-01' })).toEqual({ kind: 'from', value: '2026-11-01' });
    expect(homeActionOf({ action_id: HOME_ACTIONS.older, type: 'button', value: 'cur' })).toEqual({ kind: 'older', cursor: 'cur' });
    expect(homeActionOf({ action_id: 'home_unknown', type: 'button' })).toBeNull();
  });
});

describe('query problems', () => {
  it('quote what was typed without letting backticks break the formatting', () => {
    const message = queryProblemMessage('type:`x`', [{ token: 'type:`x`', message: '"`x`" is not an activity type' }]);
    const first = message.blocks[0];
    expect(first?.type === 'section' && first.text?.text).toContain("`/activity type:'x'`");
  });
});
