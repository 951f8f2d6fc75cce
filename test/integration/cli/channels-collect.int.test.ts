// `channels collect` checks a channel the app has never seen with Slack before recording an
// admin's setting: an unknown channel is refused (nothing stored), a real one is stored with
// the name and privacy Slack gives, and the command says what a running app will do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, startHarness, TEAM_ID, TEST_BOT_TOKEN, type Harness } from '../../support/app-harness';
import { cli } from '../../support/cli-runner';
import { DATABASE_KINDS } from '../../support/databases';

describe.each(DATABASE_KINDS)('channels collect, checked with Slack (%s)', (kind) => {
  let h: Harness;
  let env: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness({ kind });
    env = { DATABASE_URL: h.database.url, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: h.sim.apiUrl };
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a channel Slack does not know, and stores nothing', async () => {
    const result = await cli(['channels', 'collect', 'C0NOPE', 'on'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Slack does not know channel C0NOPE in workspace T0TESTTEAM, or the bot cannot see it');
    expect(result.stderr).toContain('Nothing changed.');
    expect(await h.app.store.channels.get(TEAM_ID, 'C0NOPE')).toBeNull();
  });

  it('without a bot token an unseen channel is refused, unless --force (then its kind is not claimed)', async () => {
    const { SLACK_BOT_TOKEN: _token, ...noToken } = env;
    const refused = await cli(['channels', 'collect', 'C0NOTSEEN', 'on'], noToken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('could not be checked with Slack: no installation of this workspace, and SLACK_BOT_TOKEN is not set');
    expect(await h.app.store.channels.get(TEAM_ID, 'C0NOTSEEN')).toBeNull();

    const forced = await cli(['channels', 'collect', 'C0NOTSEEN', 'on', '--force'], noToken);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('(C0NOTSEEN, kind not known yet): collected (opted in).');
    expect(forced.stderr).not.toContain(', public)');
    expect(forced.stderr).toContain('Slack was not asked whether it is public or private');
    expect(await h.app.store.channels.get(TEAM_ID, 'C0NOTSEEN')).toMatchObject({ collectOverride: true, infoFetchedAt: null });
  });

  it('a real private channel: stored with its name, and the admin is told what happens next', async () => {
    const result = await cli(['channels', 'collect', 'C0SECRET', 'on'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('#secret-plans (C0SECRET, private): collected (opted in).');
    expect(result.stderr).toContain('A running app records new messages, replies and reactions in #secret-plans within a second');
    expect(await h.app.store.channels.get(TEAM_ID, 'C0SECRET')).toMatchObject({ name: 'secret-plans', isPrivate: true, isCollected: true });

    const off = await cli(['channels', 'collect', 'C0SECRET', 'off'], env);
    expect(off.stderr).toContain('A running app stops recording #secret-plans within a second; what was recorded before stays.');
  });

  it('a public channel the bot is not in: a warning to invite it', async () => {
    h.sim.state.addChannel({ id: 'C0NOBOT', team_id: TEAM_ID, name: 'random', is_private: false, members: ['U0ANA'] });
    const result = await cli(['channels', 'collect', 'C0NOBOT', 'on'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('#random (C0NOBOT, public): collected (opted in).');
    expect(result.stderr).toContain('The bot is not a member of #random: invite it there (/invite @activity)');
  });

  it('a channel the app already knows needs no Slack call', async () => {
    h.sim.state.addChannel({ id: 'C0KNOWN', team_id: TEAM_ID, name: 'known', is_private: false, members: ['U0ANA', BOT_USER_ID] });
    await h.app.store.channels.upsert(TEAM_ID, 'C0KNOWN', { name: 'known', isPrivate: false }, new Date());
    const before = h.sim.calls.length;
    const result = await cli(['channels', 'collect', 'C0KNOWN', 'off'], { DATABASE_URL: h.database.url });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('#known (C0KNOWN, public): not collected (opted out).');
    expect(h.sim.calls.length).toBe(before);
  });
});
