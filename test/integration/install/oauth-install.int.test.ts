// The OAuth install, end to end on both databases: the install page and Slack's flow (state
// checked), events collected with the installation's own token, a workspace that is not
// installed kept out, uninstall and reinstall with history intact, and token rotation shared
// by two replicas without spending a refresh token twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUninstalled, messageEvent } from '../../../src/simulator/factories';
import { eventCallback } from '../../../src/simulator/factories';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { browse, installThroughOAuth } from '../../support/oauth-install';

describe.each(DATABASE_KINDS)('the OAuth install (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, oauth: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  const send = (team: string, text: string) => {
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team, text });
    return { event, answer: h.event(eventCallback(event, { team_id: team, authorizations: [{ enterprise_id: null, team_id: team, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }] })) };
  };

  it('serves an install page with Slack’s button, and nothing is collected before an install', async () => {
    const page = await fetch(`${h.app.url}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Add to Slack');
    expect(html).toContain(`${h.sim.url}/oauth/v2/authorize?`);
    expect(page.headers.get('set-cookie')).toMatch(/slack-app-oauth-state=/);

    const { event, answer } = send(TEAM_ID, 'before the install');
    expect((await answer).status).toBe(200);
    expect(await h.app.store.db.activity.count({ where: { sourceKey: `msg:C0GENERAL:${event.ts}` } })).toBe(0);
    expect(await h.app.store.db.deadLetter.count({ where: { payload: { contains: event.ts }, reason: { contains: 'not installed' } } })).toBe(1);
  });

  it('installs through Slack’s flow, then collects with the installation’s own token', async () => {
    const page = await installThroughOAuth(h, { teamId: TEAM_ID, installerUserId: 'U0ANA' });
    expect(page.status, page.body).toBe(200);
    expect(page.body).toContain('Installed in Test Community');
    expect(page.visited.some((u) => u.startsWith(h.sim.authorizeUrl))).toBe(true);
    const installation = await h.app.store.installations.get(TEAM_ID);
    expect(installation).toMatchObject({ teamId: TEAM_ID, isEnterpriseInstall: false, installerUserId: 'U0ANA', revokedAt: null });
    expect(JSON.stringify(installation!.raw)).not.toContain(installation!.botToken);
    expect(await h.app.store.workspaces.get(TEAM_ID)).toMatchObject({ name: 'Test Community', revokedAt: null });

    h.sim.clearCalls();
    const { event, answer } = send(TEAM_ID, 'after the install');
    expect((await answer).status).toBe(200);
    const stored = await h.app.store.activityReads.findBySourceKey(TEAM_ID, `msg:C0GENERAL:${event.ts}`);
    expect(stored?.metadata).toMatchObject({ excerpt: 'after the install', channel_name: 'general', initiator_name: 'Ana' });
    const lookups = h.sim.calls.filter((c) => c.method === 'users.info' || c.method === 'conversations.info');
    expect(lookups.length).toBeGreaterThan(0);
    expect(new Set(lookups.map((c) => c.token))).toEqual(new Set([installation!.botToken]));
  });

  it('a state that was not issued by this app is refused, and nothing is installed', async () => {
    const page = await browse(`${h.app.url}/slack/oauth_redirect?code=whatever&state=forged`);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Not installed');
  });

  it('uninstall stops the Web API calls and keeps the data; a reinstall resumes with history intact', async () => {
    const before = await h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID } });
    expect((await h.event(eventCallback(appUninstalled(), { team_id: TEAM_ID }))).status).toBe(200);
    expect((await h.app.store.installations.get(TEAM_ID))?.revokedAt).toBeInstanceOf(Date);
    expect((await h.app.store.workspaces.get(TEAM_ID))?.revokedAt).toBeInstanceOf(Date);
    expect(await h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID } })).toBe(before);

    h.sim.clearCalls();
    const during = send(TEAM_ID, 'while uninstalled');
    expect((await during.answer).status).toBe(200);
    expect(h.sim.calls.length).toBe(0);
    expect(await h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID } })).toBe(before);

    expect((await installThroughOAuth(h, { teamId: TEAM_ID })).status).toBe(200);
    expect((await h.app.store.workspaces.get(TEAM_ID))?.revokedAt).toBeNull();
    const after = send(TEAM_ID, 'back again');
    expect((await after.answer).status).toBe(200);
    expect(await h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID } })).toBe(before + 1);
  });
});

describe.each(DATABASE_KINDS)('token rotation across two replicas (%s)', (kind) => {
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    a = await startHarness({ kind, oauth: true });
    // Tokens that expire within a minute: every payload finds its token due for a refresh.
    a.sim.state.oauth.apps.get('1234567890.1234567890')!.tokenLifetimeSec = 45;
    b = await startHarness({ kind, oauth: true, sim: a.sim, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('refreshes under a lock: no refresh token is spent twice, every event is stored', async () => {
    expect((await installThroughOAuth(a, { teamId: TEAM_ID })).status).toBe(200);
    const events = Array.from({ length: 20 }, (_, i) => messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team: TEAM_ID, text: `rotating ${i}` }));
    const answers = await Promise.all(events.map((event, i) => (i % 2 ? a : b).event(eventCallback(event, { team_id: TEAM_ID }))));
    expect(answers.map((r) => r.status)).toEqual(events.map(() => 200));
    const refreshes = a.sim.callsTo('oauth.v2.access').filter((c) => c.params.grant_type === 'refresh_token');
    expect(refreshes.length).toBeGreaterThan(0);
    expect(refreshes.filter((c) => (c.response as { ok?: boolean } | undefined)?.ok === false)).toEqual([]);
    const stored = await a.app.store.db.activity.count({ where: { workspaceId: TEAM_ID, sourceKey: { in: events.map((e) => `msg:C0GENERAL:${e.ts}`) } } });
    expect(stored).toBe(20);
  });
});
