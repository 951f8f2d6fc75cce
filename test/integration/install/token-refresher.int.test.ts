// Token rotation in the background, on both databases: an installation whose token expires
// within two hours gets a new one before it does; two replicas checking at once refresh it once
// (the second sees the new expiry under the row lock), and a token with hours left is left alone.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { createLogger } from '../../../src/logger';
import { TokenRefresher } from '../../../src/slack/install/token-refresher';
import { quietSlackLogger } from '../../../src/slack/quiet-logger';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { openStore, type Store } from '../../../src/store/store';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/databases';

const CLIENT = { clientId: '555.666', clientSecret: 'refresher-secret-0123456789' };

describe.each(DATABASE_KINDS)('token rotation in the background (%s)', (kind) => {
  let sim: SlackSimulator;
  let database: TestDatabase;
  let store: Store;
  let replica: Store;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    sim.state.addTeam({ id: 'T0ROT', name: 'Rotating', domain: 'rotating' });
    sim.state.addUser({ id: 'U0ROT', team_id: 'T0ROT', name: 'rot' });
    sim.state.oauth.addApp({ appId: 'A0ROT', ...CLIENT, tokenLifetimeSec: 3_600, redirectUris: ['https://app.example.com/slack/oauth_redirect'] });
    database = await createTestDatabase(kind);
    store = await openStore({ databaseUrl: database.url, registry: activityRegistry });
    replica = await openStore({ databaseUrl: database.url, registry: activityRegistry, migrate: false });
  });
  afterAll(async () => {
    await replica?.close();
    await store?.close();
    await database?.drop();
    await sim?.close();
  });

  /** An installation as the flow would store it: the code exchanged for a rotating token. */
  async function install(): Promise<void> {
    sim.consent({ teamId: 'T0ROT' });
    const res = await fetch(`${sim.authorizeUrl}?client_id=${CLIENT.clientId}&scope=users:read`, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const answer = (await new WebClient(undefined, { slackApiUrl: sim.apiUrl, logger: quietSlackLogger }).oauth.v2.access({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code })) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
      bot_user_id: string;
    };
    await store.installations.save({
      id: 'T0ROT',
      teamId: 'T0ROT',
      enterpriseId: null,
      isEnterpriseInstall: false,
      appId: 'A0ROT',
      botToken: answer.access_token,
      botRefreshToken: answer.refresh_token,
      botTokenExpiresAt: new Date(Date.now() + answer.expires_in * 1000),
      botUserId: answer.bot_user_id,
      botId: null,
      botScopes: 'users:read',
      installerUserId: 'U0ROT',
      raw: {},
    });
  }

  const refresher = (on: Store, seen: string[]) =>
    new TokenRefresher({ store: on, logger: createLogger('silent'), ...CLIENT, clientOptions: { slackApiUrl: sim.apiUrl, logger: quietSlackLogger }, onRefreshed: (row) => seen.push(row.botToken) });

  it('refreshes a token that expires within two hours, once, however many replicas check', async () => {
    await install();
    const before = (await store.installations.get('T0ROT'))!;
    sim.clearCalls();
    const seen: string[] = [];
    await Promise.all([refresher(store, seen).check(), refresher(replica, seen).check(), refresher(replica, seen).check()]);
    const after = (await store.installations.get('T0ROT'))!;
    expect(after.botToken).not.toBe(before.botToken);
    expect(after.botRefreshToken).not.toBe(before.botRefreshToken);
    expect(after.botTokenExpiresAt!.getTime()).toBeGreaterThan(before.botTokenExpiresAt!.getTime());
    const refreshes = sim.callsTo('oauth.v2.access');
    expect(refreshes).toHaveLength(1);
    expect((refreshes[0]!.response as { ok: boolean }).ok).toBe(true);
    expect((await new WebClient(after.botToken, { slackApiUrl: sim.apiUrl }).auth.test()).team_id).toBe('T0ROT');
  });

  it('leaves alone a token with more than two hours left', async () => {
    sim.state.oauth.apps.get(CLIENT.clientId)!.tokenLifetimeSec = 43_200;
    await install();
    const before = (await store.installations.get('T0ROT'))!;
    sim.clearCalls();
    await refresher(store, []).check();
    expect((await store.installations.get('T0ROT'))!.botToken).toBe(before.botToken);
    expect(sim.callsTo('oauth.v2.access')).toHaveLength(0);
  });
});
