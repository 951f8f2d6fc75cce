// The App Home tab end to end: app_home_opened and Home clicks sent signed to the running app,
// the views it published read from the simulator, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpened, buttonAction, eventCallback, homeBlockActions, staticSelectAction } from '../../../src/simulator/factories';
import type { BlockAction, SlackView } from '../../../src/simulator/factories';
import type { ApiCall } from '../../../src/simulator/web-api-server';
import { parseHomeState } from '../../../src/browse/home-state';
import type { HomeView } from '../../../src/ui/blocks/kit';
import { mrkdwnToPlain } from '../../../src/ui/sentences';
import { homeViewProblems } from '../../../src/ui/validate-blocks';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { MESSAGE_COUNT, seedHistory } from './seed';

function rows(view: HomeView): string[] {
  return view.blocks
    .filter((b) => b.type === 'section' && /\n<!date\^/.test(b.text?.text ?? ''))
    .map((b) => mrkdwnToPlain((b.type === 'section' && b.text?.text.split('\n')[0]) || ''));
}

function allText(view: HomeView): string {
  return JSON.stringify(view.blocks);
}

function element(view: HomeView, actionId: string) {
  for (const block of view.blocks) {
    if (block.type === 'actions') {
      const found = block.elements.find((e) => e.action_id === actionId);
      if (found) return found;
    }
  }
  return undefined;
}

describe.each(DATABASE_KINDS)('App Home on %s', (kind) => {
  let h: Harness;
  let first: Harness;
  let published = 0;

  beforeAll(async () => {
    first = await startHarness({ kind });
    h = first;
  });

  afterAll(async () => {
    // A restarted app shares the first harness's simulator and database: stop it, then the rest.
    if (h && h !== first) await h.close();
    await first?.close();
  });

  /** Waits for the next views.publish for `user` and returns the view as sent. */
  async function nextPublish(user: string): Promise<HomeView> {
    const skip = published;
    const call: ApiCall = await h.sim.waitForCall(
      'views.publish',
      (c) => c.params.user_id === user && h.sim.callsTo('views.publish').indexOf(c) >= skip,
      10_000,
    );
    published = h.sim.callsTo('views.publish').length;
    expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
    const view = (typeof call.params.view === 'string' ? JSON.parse(call.params.view) : call.params.view) as HomeView;
    expect(homeViewProblems(view)).toEqual([]);
    return view;
  }

  async function open(user: string, view?: SlackView): Promise<HomeView> {
    published = h.sim.callsTo('views.publish').length;
    const delivery = await h.event(eventCallback(appHomeOpened({ user, tab: 'home', ...(view ? { view } : {}) }), { team_id: TEAM_ID }));
    expect(delivery.status).toBe(200);
    return nextPublish(user);
  }

  async function act(user: string, action: BlockAction): Promise<HomeView> {
    published = h.sim.callsTo('views.publish').length;
    const current = h.sim.state.publishedView(user, TEAM_ID);
    const delivery = await h.interaction(
      homeBlockActions({
        team: { id: TEAM_ID, domain: 'testcommunity' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
        actions: [action],
        ...(current ? { view: current } : {}),
      }),
    );
    expect(delivery.status).toBe(200);
    return nextPublish(user);
  }

  it('shows an empty workspace how to get started, not a blank tab', async () => {
    const view = await open('U0ANA');
    const text = allText(view);
    expect(view.type).toBe('home');
    expect(text).toContain('Nothing recorded yet');
    expect(text).toContain('/invite <@U0BOTUSER>');
    expect(text).toContain('What I collect');
    expect(rows(view)).toEqual([]);
  });

  it('publishes a header, the 7-day summary with a sparkline, filters and the newest activity', async () => {
    await seedHistory(h.app.store);
    const view = await open('U0ANA');
    const text = allText(view);
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Community activity' } });
    expect(text).toContain('*31 activities* in the last 7 days');
    expect(text).toMatch(/`[▁▂▃▄▅▆▇█]{7}`/);
    expect(text).toContain('*Messages*\\n26');
    for (const id of ['home_filter_type', 'home_filter_user', 'home_filter_channel', 'home_filter_from', 'home_filter_to', 'home_load_more']) {
      expect(element(view, id), id).toBeDefined();
    }
    const list = rows(view);
    expect(list).toHaveLength(20);
    expect(list[0]).toBe("Bo reacted :tada: to Ana's message in #launch");
    expect(text).not.toContain('from elsewhere');
    expect(parseHomeState(view.private_metadata)).toEqual({ v: 1, limit: 20 });
  });

  it('hides private channels from members who are not in them', async () => {
    expect(allText(await open('U0ANA'))).toContain('the secret plan');
    const asBo = await open('U0BO');
    expect(allText(asBo)).not.toContain('the secret plan');
    expect(allText(asBo)).toContain('*30 activities* in the last 7 days');
  });

  it('re-publishes on filter changes and Load more, keeping the state in private_metadata', async () => {
    await open('U0ANA');
    const filtered = await act('U0ANA', staticSelectAction('slack_reaction.added', { action_id: 'home_filter_type' }));
    expect(rows(filtered)).toHaveLength(3);
    expect(parseHomeState(filtered.private_metadata)).toMatchObject({ type: 'slack_reaction.added' });
    expect(element(filtered, 'home_filter_type')).toMatchObject({ initial_option: { value: 'slack_reaction.added' } });

    const all = await act('U0ANA', staticSelectAction('all', { action_id: 'home_filter_type' }));
    expect(rows(all)).toHaveLength(20);
    const more = await act('U0ANA', buttonAction({ action_id: 'home_load_more', value: '' }));
    expect(rows(more)).toHaveLength(MESSAGE_COUNT + 1 + 3 + 1 + 1); // everything Ana may see: 31
    expect(parseHomeState(more.private_metadata)).toMatchObject({ limit: 40 });
    expect(element(more, 'home_load_more')).toBeUndefined();

    const byChannel = await act('U0ANA', { type: 'conversations_select', action_id: 'home_filter_channel', block_id: 'f', selected_conversation: 'C0LAUNCH', action_ts: '1.1' });
    expect(rows(byChannel).every((r) => r.includes('#launch'))).toBe(true);
    const byMember = await act('U0ANA', { type: 'users_select', action_id: 'home_filter_user', block_id: 'f', selected_user: 'U0BO', action_ts: '1.1' });
    expect(rows(byMember)).toHaveLength(3);
    expect(parseHomeState(byMember.private_metadata)).toMatchObject({ channel: 'C0LAUNCH', user: 'U0BO' });
    const old = await act('U0ANA', { type: 'datepicker', action_id: 'home_filter_to', block_id: 'f', selected_date: '2020-01-01', action_ts: '1.1' });
    expect(rows(old)).toEqual([]);
    expect(allText(old)).toContain('Nothing matches these filters');
    const cleared = await act('U0ANA', buttonAction({ action_id: 'home_clear_filters', value: '' }));
    expect(parseHomeState(cleared.private_metadata)).toEqual({ v: 1, limit: 20 });
    expect(rows(cleared)).toHaveLength(20);
  });

  it('keeps the state when the tab is closed and reopened, across a restart of the app', async () => {
    await open('U0BO');
    await act('U0BO', staticSelectAction('slack_message.threaded_reply.created', { action_id: 'home_filter_type' }));
    const lastView = h.sim.state.publishedView('U0BO', TEAM_ID)!;
    // Restart: same simulator, same database, nothing in memory.
    await first.stopApp();
    h = await startHarness({ kind, sim: first.sim, database: first.database });
    const reopened = await open('U0BO', lastView);
    expect(parseHomeState(reopened.private_metadata)).toMatchObject({ type: 'slack_message.threaded_reply.created' });
    expect(rows(reopened)).toEqual(["Bo replied to Ana's thread in #general: “sounds good, the needle is here”"]);
  });
});
