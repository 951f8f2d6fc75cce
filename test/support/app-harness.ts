// Runs the real app (createApp: HTTP server, Bolt, store) against the local Slack simulator
// and a fresh database of the given kind. Integration tests talk to it over real HTTP with
// requests signed exactly as Slack signs them.
import { createApp, type CreateAppOptions, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { BOT_SCOPES } from '../../src/slack/scopes';
import type { StoreKind } from '../../src/store/database-url';
import { startSlackSimulator, type SlackSimulator } from '../../src/simulator/web-api-server';
import { sendEvent, sendInteraction, sendSlashCommand } from '../../src/simulator/sender';
import { createTestDatabase, type TestDatabase } from './databases';

export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEST_BOT_TOKEN = 'xoxb-fake_test_token';
export const TEST_APP_TOKEN = 'xapp-1-fake_test_app';
export const TEST_API_TOKEN = 'test-api-token-0123456789abcdef';
export const TEST_CLIENT_ID = '1234567890.1234567890';
export const TEST_CLIENT_SECRET = 'test-client-secret-0123456789';
export const TEAM_ID = 'T0TESTTEAM';
export const OTHER_TEAM_ID = 'T0OTHERTEAM';
export const BOT_USER_ID = 'U0BOTUSER';

export interface HarnessOptions {
  kind: StoreKind;
  socketMode?: boolean;
  /** Extra environment for the app (e.g. SLACK_LOOKUP_BUDGET_MS). */
  env?: Record<string, string>;
  /** Reuse a simulator / database (e.g. to restart the app on the same data). */
  sim?: SlackSimulator;
  database?: TestDatabase;
  /** A logger to see what the app logs (default: one at TEST_LOG_LEVEL, silent unless set). */
  logger?: Logger;
  /**
   * The OAuth install instead of a bot token: the simulator registers the app (TEST_CLIENT_ID),
   * and workspaces are installed through the flow (test/support/oauth-install.ts).
   */
  oauth?: boolean;
  /** Other createApp options (e.g. eventSummaryIntervalMs). */
  appOptions?: Omit<CreateAppOptions, 'config' | 'logger'>;
}

export interface Harness {
  app: RunningApp;
  sim: SlackSimulator;
  database: TestDatabase;
  kind: StoreKind;
  eventsUrl: string;
  /** POSTs an Events API body, signed. */
  event(body: object, opts?: Parameters<typeof sendEvent>[3]): ReturnType<typeof sendEvent>;
  slash(fields: Record<string, string>, opts?: Parameters<typeof sendSlashCommand>[3]): ReturnType<typeof sendSlashCommand>;
  interaction(payload: object, opts?: Parameters<typeof sendInteraction>[3]): ReturnType<typeof sendInteraction>;
  /** GET/POST to the app's HTTP API with the API token. */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** Stops the app only (keeps simulator and database). */
  stopApp(): Promise<void>;
  /** Stops everything and drops the database. */
  close(): Promise<void>;
}

/** Seeds the simulator with a small workspace: the bot, three members and some channels. */
export function seedWorkspace(sim: SlackSimulator): void {
  sim.state.addTeam({ id: TEAM_ID, name: 'Test Community', domain: 'testcommunity' });
  sim.state.addBotToken({ token: TEST_BOT_TOKEN, teamId: TEAM_ID, botUserId: BOT_USER_ID, botId: 'B0TESTBOT', appId: 'A0TESTAPP' });
  sim.state.addAppToken({ token: TEST_APP_TOKEN, appId: 'A0TESTAPP' });
  sim.state.addUser({ id: BOT_USER_ID, team_id: TEAM_ID, name: 'activity', is_bot: true, profile: { display_name: 'activity', real_name: 'Activity' } });
  sim.state.addUser({ id: 'U0ANA', team_id: TEAM_ID, name: 'ana', real_name: 'Ana Lima', profile: { display_name: 'Ana', real_name: 'Ana Lima' } });
  sim.state.addUser({ id: 'U0BO', team_id: TEAM_ID, name: 'bo', real_name: 'Bo Chen', profile: { display_name: 'Bo', real_name: 'Bo Chen' } });
  sim.state.addUser({ id: 'U0CY', team_id: TEAM_ID, name: 'cy', real_name: 'Cy Okafor', profile: { display_name: '', real_name: 'Cy Okafor' } });
  sim.state.addChannel({ id: 'C0GENERAL', team_id: TEAM_ID, name: 'general', is_private: false, members: ['U0ANA', 'U0BO', 'U0CY', BOT_USER_ID] });
  sim.state.addChannel({ id: 'C0LAUNCH', team_id: TEAM_ID, name: 'launch', is_private: false, members: ['U0ANA', 'U0BO', BOT_USER_ID] });
  sim.state.addChannel({ id: 'C0SECRET', team_id: TEAM_ID, name: 'secret-plans', is_private: true, members: ['U0ANA', BOT_USER_ID] });
  sim.state.addChannel({ id: 'G0OPTEDIN', team_id: TEAM_ID, name: 'core-team', is_private: true, members: ['U0BO', BOT_USER_ID] });
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const ownsSim = !options.sim;
  const sim = options.sim ?? (await startSlackSimulator());
  if (ownsSim) seedWorkspace(sim);
  const database = options.database ?? (await createTestDatabase(options.kind));
  if (options.oauth && !sim.state.oauth.appByClientId(TEST_CLIENT_ID)) {
    sim.state.oauth.addApp({ appId: 'A0TESTAPP', clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, defaultScopes: [...BOT_SCOPES] });
  }
  const config = loadConfig({
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    ...(options.oauth
      ? { SLACK_CLIENT_ID: TEST_CLIENT_ID, SLACK_CLIENT_SECRET: TEST_CLIENT_SECRET, SLACK_STATE_SECRET: 'test-state-secret-0123456789' }
      : { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, API_TOKEN: TEST_API_TOKEN }),
    ...(options.socketMode ? { SLACK_APP_TOKEN: TEST_APP_TOKEN } : {}),
    SLACK_API_URL: sim.apiUrl,
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SQLITE_SYNCHRONOUS: 'NORMAL',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const app = await createApp({ ...options.appOptions, config, logger: options.logger ?? createLogger(config.logLevel) });
  let appStopped = false;
  const eventsUrl = `${app.url}/slack/events`;
  // The redirect URL registered in the (simulated) app's settings, now that the port is known.
  if (options.oauth) {
    const registered = sim.state.oauth.appByClientId(TEST_CLIENT_ID)!;
    registered.redirectUris = [...new Set([...(registered.redirectUris ?? []), `${app.url}/slack/oauth_redirect`])];
  }
  return {
    app,
    sim,
    database,
    kind: options.kind,
    eventsUrl,
    event: (body, opts) => sendEvent(eventsUrl, TEST_SIGNING_SECRET, body, opts),
    slash: (fields, opts) => sendSlashCommand(eventsUrl, TEST_SIGNING_SECRET, fields, opts),
    interaction: (payload, opts) => sendInteraction(eventsUrl, TEST_SIGNING_SECRET, payload, opts),
    api(path, init = {}) {
      const { token = TEST_API_TOKEN, headers, ...rest } = init;
      return fetch(`${app.url}${path}`, {
        ...rest,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) },
      });
    },
    async stopApp() {
      if (!appStopped) {
        appStopped = true;
        await app.stop();
      }
    },
    async close() {
      if (!appStopped) {
        appStopped = true;
        await app.stop();
      }
      if (ownsSim) await sim.close();
      if (!options.database) await database.drop();
    },
  };
}
