// Every message and view the app can produce, at its extremes, against Slack's Block Kit limits:
// checked by our own validator and, independently, by the simulator's (what Slack would reject).
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import type { BrowseFilter } from '../../../src/browse/browse-filter';
import type { HomeData } from '../../../src/browse/home';
import { HOME_MAX_ROWS, serializeHomeState, type HomeState } from '../../../src/browse/home-state';
import { encodePageToken } from '../../../src/browse/page-token';
import type { ActivityStats } from '../../../src/browse/stats';
import { validateBlocks } from '../../../src/simulator/methods/block-validation';
import type { ActivityView } from '../../../src/activities/read-model';
import { activityListMessage } from '../../../src/ui/blocks/activity-list-message';
import { expiredPageMessage, failureMessage, helpMessage, queryProblemMessage } from '../../../src/ui/blocks/help-message';
import { homeView } from '../../../src/ui/blocks/home-view';
import type { HomeView, MessagePayload } from '../../../src/ui/blocks/kit';
import { statsMessage } from '../../../src/ui/blocks/stats-message';
import { homeViewProblems, messageProblems } from '../../../src/ui/validate-blocks';
import { activityView, everyTypeExample, member } from './activity-factory';

const HUGE = `${'Ω≈ç√ '.repeat(300)}<@U1> &amp; <!channel> <https://example.com/${'x'.repeat(300)}|${'label '.repeat(50)}> 😀`;
const LONG_NAME = `${'*Name_With~Marks* '.repeat(30)}`;
const NOW = new Date('2026-11-04T15:30:00Z');

/** Activities built to be as large as the schemas allow, of every type. */
function hostileActivities(): ActivityView[] {
  const big = everyTypeExample().map((a) => {
    const metadata: Record<string, unknown> = { ...a.metadata };
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') continue;
      const candidate = /excerpt|message|reason/.test(key) ? HUGE.slice(0, 280) : /_name$|_title$|question|_label$/.test(key) ? LONG_NAME.slice(0, 500) : undefined;
      if (candidate === undefined) continue;
      // Only as large as the type's schema allows (enums stay enums).
      try {
        activityRegistry.validate(a.type, 1, { ...metadata, [key]: candidate });
        metadata[key] = candidate;
      } catch {
        // keep the example's value
      }
    }
    return activityView({ type: a.type, metadata, initiator: member('U0LONG', LONG_NAME), recipient: a.recipient ? member('U0OTHER', LONG_NAME) : null });
  });
  // Messages edited since: shown with the newest edit's text (as large as an excerpt gets) and a mark.
  const edited = big
    .filter((a) => a.type === 'slack_message.created' || a.type === 'slack_message.threaded_reply.created')
    .map((a) => ({ ...a, id: `${a.id}_edited`, edited: { excerpt: HUGE.slice(0, 280), editedAt: NOW } }));
  return [...big, ...edited, ...everyTypeExample()];
}

const BIG_FILTER: BrowseFilter = {
  member: { slackUserId: 'U0ANA', label: LONG_NAME },
  channels: Array.from({ length: 10 }, (_, i) => ({ id: `C0CHANNEL${i}`, label: LONG_NAME })),
  types: activityRegistry.list().map((d) => d.type),
  since: new Date('2026-01-01T00:00:00Z'),
  until: NOW,
  text: HUGE.slice(0, 200),
};

function expectValidMessage(message: MessagePayload): void {
  expect(messageProblems(message)).toEqual([]);
  expect(validateBlocks(message.blocks, '/blocks', 50)).toEqual([]);
  expect(JSON.stringify(message.blocks).length).toBeLessThan(40_000);
}

function expectValidHome(view: HomeView): void {
  expect(homeViewProblems(view)).toEqual([]);
  expect(validateBlocks(view.blocks, '/view/blocks', 100)).toEqual([]);
  expect(JSON.stringify(view).length).toBeLessThan(250_000);
}

describe('/activity messages stay within Block Kit limits', () => {
  const items = hostileActivities();
  const token = encodePageToken({ filter: BIG_FILTER, direction: 'older', cursor: 'c'.repeat(80), page: 999_999 });

  it.each([
    ['empty, unfiltered', { filter: { channels: [], types: [] }, items: [], page: 1 }],
    ['empty, filtered', { filter: BIG_FILTER, items: [], page: 1 }],
    ['empty, past the end', { filter: BIG_FILTER, items: [], page: 7, prevValue: token }],
    ['a page of hostile rows with both buttons', { filter: BIG_FILTER, items: items.slice(0, 10), page: 3, nextValue: token, prevValue: token }],
    ['far more rows than a message holds', { filter: BIG_FILTER, items: [...items, ...items], page: 1, nextValue: token }],
    ['every type, links built from a domain', { filter: { channels: [], types: [] }, items: everyTypeExample(), page: 1, links: { domain: 'acme' } }],
  ])('%s', (_, model) => {
    expectValidMessage(activityListMessage(model));
  });

  it('help, problems, failures and expiry', () => {
    expectValidMessage(helpMessage());
    expectValidMessage(queryProblemMessage(HUGE, Array.from({ length: 200 }, (_, i) => ({ token: `${HUGE}${i}`, message: HUGE }))));
    expectValidMessage(queryProblemMessage('', [{ token: '`', message: '`' }]));
    expectValidMessage(failureMessage('look that up'));
    expectValidMessage(expiredPageMessage());
  });

  it('stats: empty, and every type with long names', () => {
    const base: ActivityStats = {
      filter: BIG_FILTER,
      since: new Date('2026-01-01T00:00:00Z'),
      until: NOW,
      total: 0,
      byType: [],
      series: [],
      daysPerBar: 1,
      topMembers: [],
      topChannels: [],
    };
    expectValidMessage(statsMessage(base));
    const byType = activityRegistry.list().map((d, i) => ({ type: d.type, count: 1000 - i }));
    expectValidMessage(
      statsMessage({
        ...base,
        total: byType.reduce((s, t) => s + t.count, 0),
        byType,
        series: Array.from({ length: 31 }, (_, i) => ({ label: `2026-01-${i}`, count: i * 1000 })),
        daysPerBar: 12,
        topMembers: Array.from({ length: 50 }, (_, i) => ({ slackUserId: i % 2 ? `U${i}` : null, name: i % 3 ? LONG_NAME : null, count: 10_000_000 })),
        topChannels: Array.from({ length: 50 }, (_, i) => ({ id: `C${i}`, name: i % 2 ? LONG_NAME : null, count: 10_000_000 })),
      }),
    );
  });
});

describe('Home views stay within Block Kit limits', () => {
  const types = activityRegistry.list().map((d) => d.type);
  const summary = {
    total: 123_456,
    byType: types.map((type, i) => ({ type, count: 10_000 - i })),
    perDay: Array.from({ length: 7 }, (_, i) => ({ label: `2026-11-0${i + 1}`, count: i * 17 })),
  };
  const fullState: HomeState = { v: 1, type: types[3], user: 'U0ANA', channel: 'C0GENERAL', from: '2026-10-01', to: '2026-11-04', limit: HOME_MAX_ROWS, older: 'c'.repeat(200), window: 12 };

  function data(overrides: Partial<HomeData>): HomeData {
    return {
      state: { v: 1, limit: 20 },
      filter: { channels: [], types: [] },
      summary,
      page: { items: [], olderCursor: null, newerCursor: null },
      empty: false,
      ...overrides,
    };
  }

  const cases: [string, HomeData][] = [
    ['an empty workspace', data({ empty: true, summary: { total: 0, byType: [], perDay: [] } })],
    ['no activity this week, older rows', data({ summary: { total: 0, byType: [], perDay: [] }, page: { items: everyTypeExample(), olderCursor: null, newerCursor: null } })],
    ['filters matching nothing', data({ state: fullState, filter: BIG_FILTER })],
    ['the maximum rows, hostile, every button', data({ state: fullState, filter: BIG_FILTER, page: { items: [...hostileActivities(), ...hostileActivities(), ...hostileActivities()], olderCursor: 'c'.repeat(100), newerCursor: 'n' } })],
    ['a first page with Load more', data({ page: { items: hostileActivities().slice(0, 20), olderCursor: 'abc', newerCursor: null } })],
  ];

  it.each(cases)('%s', (_, homeData) => {
    expectValidHome(
      homeView({ data: homeData, types, workspaceName: LONG_NAME, botUserId: 'U0BOT', links: { domain: 'acme' }, now: NOW, privateMetadata: serializeHomeState(homeData.state) }),
    );
  });

  it('keeps the type menu within 100 options even with far more types', () => {
    const many = Array.from({ length: 300 }, (_, i) => `family_${i}.happened`);
    expectValidHome(homeView({ data: data({}), types: many, now: NOW, privateMetadata: '{}' }));
  });
});
