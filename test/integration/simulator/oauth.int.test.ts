// The simulator's OAuth v2 install flow, driven by Slack's own @slack/oauth InstallProvider
// (what Bolt uses): the install page, the authorize redirect with a code and the state, the
// code exchange through oauth.v2.access, org-wide installs over several workspaces, token
// rotation with refresh, a refused consent, and codes that work once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InstallProvider, type Installation, type InstallationQuery } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietSlackLogger } from '../../../src/slack/quiet-logger';
import { browse } from '../../../src/simulator/browse-install';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';

const CLIENT_ID = '1111.2222';
const CLIENT_SECRET = 'sim-client-secret';

describe('simulated Slack OAuth, with @slack/oauth', () => {
  let sim: SlackSimulator;
  let server: Server;
  let base: string;
  const stored = new Map<string, Installation>();
  let provider: InstallProvider;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    sim.state.addTeam({ id: 'T0SOLO', name: 'Solo', domain: 'solo' });
    sim.state.addTeam({ id: 'T0ORGA', name: 'Org A', domain: 'org-a', enterprise_id: 'E0ORG', enterprise_name: 'Big Org' });
    sim.state.addTeam({ id: 'T0ORGB', name: 'Org B', domain: 'org-b', enterprise_id: 'E0ORG', enterprise_name: 'Big Org' });
    sim.state.addUser({ id: 'U0SOLO', team_id: 'T0SOLO', name: 'sol' });
    sim.state.addUser({ id: 'W0ADMIN', team_id: 'T0ORGA', name: 'admin' });
    sim.state.addUser({ id: 'W0BEA', team_id: 'T0ORGB', name: 'bea' });
    sim.state.addChannel({ id: 'C0ORGB', team_id: 'T0ORGB', name: 'b-general', members: ['W0BEA'] });
    sim.state.oauth.addApp({ appId: 'A0SIM', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenLifetimeSec: 43_200 });

    provider = new InstallProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      stateSecret: 'sim-state-secret',
      authorizationUrl: sim.authorizeUrl,
      clientOptions: { slackApiUrl: sim.apiUrl },
      logger: quietSlackLogger,
      installUrlOptions: { scopes: ['channels:history', 'channels:read', 'users:read'] },
      installationStore: {
        storeInstallation: async (i: Installation) => void stored.set(i.isEnterpriseInstall ? i.enterprise!.id : i.team!.id, i),
        fetchInstallation: async (q: InstallationQuery<boolean>) => stored.get((q.isEnterpriseInstall ? q.enterpriseId : q.teamId)!)!,
        deleteInstallation: async () => undefined,
      },
    });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/slack/install') void provider.handleInstallPath(req, res, {}, { scopes: ['channels:history', 'channels:read', 'users:read'], redirectUri: `${base}/slack/oauth_redirect` });
      else if (url.pathname === '/slack/oauth_redirect') void provider.handleCallback(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await sim.close();
  });

  it('installs into a workspace: a bot token that works, with rotation (expiry and refresh token)', async () => {
    sim.consent({ teamId: 'T0SOLO' });
    const page = await browse(`${base}/slack/install`);
    expect(page.status).toBe(200);
    const installation = stored.get('T0SOLO')!;
    expect(installation).toMatchObject({ team: { id: 'T0SOLO', name: 'Solo' }, isEnterpriseInstall: false, appId: 'A0SIM', user: { id: 'U0SOLO' } });
    expect(installation.bot!.token).toMatch(/^xoxe\.xoxb-fake_/);
    expect(installation.bot!.refreshToken).toMatch(/^xoxe-1-fake_/);
    expect(installation.bot!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 40_000);
    const auth = await new WebClient(installation.bot!.token, { slackApiUrl: sim.apiUrl }).auth.test();
    expect(auth).toMatchObject({ team_id: 'T0SOLO', user_id: installation.bot!.userId, is_enterprise_install: false });
  });

  it('refreshes an expiring token; the old refresh token then stops working', async () => {
    const installation = stored.get('T0SOLO')!;
    const oldRefresh = installation.bot!.refreshToken!;
    const oldToken = installation.bot!.token;
    installation.bot!.expiresAt = Math.floor(Date.now() / 1000) + 60; // expiring within the library's 2-hour window
    const result = await provider.authorize({ teamId: 'T0SOLO', isEnterpriseInstall: false, enterpriseId: undefined });
    expect(result.botToken).toMatch(/^xoxe\.xoxb-fake_/);
    expect(result.botToken).not.toBe(oldToken);
    expect(stored.get('T0SOLO')!.bot!.refreshToken).not.toBe(oldRefresh);
    expect((await new WebClient(result.botToken, { slackApiUrl: sim.apiUrl }).auth.test()).ok).toBe(true);
    const reused = await new WebClient(undefined, { slackApiUrl: sim.apiUrl, logger: quietSlackLogger })
      .oauth.v2.access({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'refresh_token', refresh_token: oldRefresh })
      .catch((e: { data: { error: string } }) => e.data);
    expect(reused).toMatchObject({ ok: false, error: 'invalid_refresh_token' });
  });

  it('an expired token answers token_expired', async () => {
    const token = sim.state.token(stored.get('T0SOLO')!.bot!.token) as { expiresAt?: number };
    token.expiresAt = Date.now() - 1;
    const error = await new WebClient(stored.get('T0SOLO')!.bot!.token, { slackApiUrl: sim.apiUrl, logger: quietSlackLogger, retryConfig: { retries: 0 } })
      .auth.test()
      .catch((e: { data: { error: string } }) => e.data.error);
    expect(error).toBe('token_expired');
  });

  it('installs org-wide: team null, the enterprise named, and the token reaches the granted workspaces only', async () => {
    sim.state.oauth.setOrgWorkspaces('A0SIM', 'E0ORG', ['T0ORGA']);
    sim.consent({ enterpriseId: 'E0ORG', installerUserId: 'W0ADMIN' });
    expect((await browse(`${base}/slack/install`)).status).toBe(200);
    const installation = stored.get('E0ORG')!;
    expect(installation).toMatchObject({ isEnterpriseInstall: true, enterprise: { id: 'E0ORG', name: 'Big Org' } });
    expect(installation.team).toBeUndefined();
    const client = new WebClient(installation.bot!.token, { slackApiUrl: sim.apiUrl, logger: quietSlackLogger, retryConfig: { retries: 0 } });
    expect(await client.auth.test()).toMatchObject({ is_enterprise_install: true, enterprise_id: 'E0ORG' });
    expect((await client.users.info({ user: 'W0ADMIN' })).ok).toBe(true);
    // Org B is not granted yet: its people and channels are invisible...
    expect(await client.users.info({ user: 'W0BEA' }).catch((e: { data: { error: string } }) => e.data.error)).toBe('user_not_found');
    // ...until an admin adds the workspace to the install (Slack then sends team_access_granted).
    sim.state.oauth.setOrgWorkspaces('A0SIM', 'E0ORG', ['T0ORGA', 'T0ORGB']);
    expect((await client.users.info({ user: 'W0BEA' })).ok).toBe(true);
    expect((await client.conversations.info({ channel: 'C0ORGB' })).ok).toBe(true);
  });

  it('a refused consent redirects with error=access_denied, and nothing is installed', async () => {
    const before = stored.size;
    sim.consent({ deny: true });
    const page = await browse(`${base}/slack/install`);
    expect(page.url).toContain('error=access_denied');
    expect(stored.size).toBe(before);
  });

  it('a code works once, and only with the app’s secret', async () => {
    sim.consent({ teamId: 'T0SOLO' });
    const res = await fetch(`${sim.authorizeUrl}?client_id=${CLIENT_ID}&scope=users:read&redirect_uri=${encodeURIComponent(`${base}/nowhere`)}&state=s`, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const client = new WebClient(undefined, { slackApiUrl: sim.apiUrl, logger: quietSlackLogger, retryConfig: { retries: 0 } });
    const error = (p: Promise<unknown>) => p.then(() => 'ok').catch((e: { data: { error: string } }) => e.data.error);
    expect(await error(client.oauth.v2.access({ client_id: CLIENT_ID, client_secret: 'wrong', code, redirect_uri: `${base}/nowhere` }))).toBe('bad_client_secret');
    expect(await error(client.oauth.v2.access({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code, redirect_uri: `${base}/nowhere` }))).toBe('ok');
    expect(await error(client.oauth.v2.access({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code, redirect_uri: `${base}/nowhere` }))).toBe('invalid_code');
  });
});
