// The simulated Web API driven by the real @slack/web-api WebClient: response shapes, errors,
// pagination, rate limiting (429 + Retry-After honoured by the client) and the call log.
import { WebClient, WebClientEvent, ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quietSlackLogger } from '../../../src/slack/quiet-logger';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { APP_TOKEN, BOT_TOKEN, BOT_USER, OTHER_BOT_TOKEN, SCOPED_BOT_TOKEN, TEAM, seed } from './seed';

let sim: SlackSimulator;
let client: WebClient;

// Quiet: these calls fail and get rate-limited on purpose, and the assertions say what matters.
const clientFor = (token: string | undefined, extra: ConstructorParameters<typeof WebClient>[1] = {}) =>
  new WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietSlackLogger, ...extra });

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  try {
    await promise;
  } catch (error) {
    const e = error as WebAPIPlatformError;
    if (e.code === ErrorCode.PlatformError) return e.data;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sim = await startSlackSimulator();
  seed(sim);
  client = clientFor(BOT_TOKEN);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.resetFaults();
  sim.clearCalls();
});

describe('auth', () => {
  it('auth.test says who the bot is', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      url: 'https://simcommunity.slack.com/',
      team: 'Sim Community',
      user: 'activity',
      team_id: TEAM,
      user_id: BOT_USER,
      bot_id: 'B0SIMBOT01',
      is_enterprise_install: false,
    });
  });

  it('answers not_authed, invalid_auth and not_allowed_token_type with HTTP 200', async () => {
    expect(await platformError(clientFor(undefined).auth.test())).toMatchObject({ ok: false, error: 'not_authed' });
    expect(await platformError(clientFor('xoxb-nope').auth.test())).toMatchObject({ ok: false, error: 'invalid_auth' });
    expect(await platformError(clientFor(APP_TOKEN).auth.test())).toMatchObject({ error: 'not_allowed_token_type' });
    expect(sim.callsTo('auth.test').map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it('takes the token from a form parameter too', async () => {
    const response = await fetch(`${sim.apiUrl}auth.test`, { method: 'POST', body: new URLSearchParams({ token: BOT_TOKEN }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toMatchObject({ ok: true, user_id: BOT_USER });
  });

  it('answers missing_scope for tokens with declared scopes', async () => {
    expect(await platformError(clientFor(SCOPED_BOT_TOKEN).users.info({ user: 'U0ANA00001' }))).toMatchObject({
      error: 'missing_scope',
      needed: 'users:read',
      provided: 'chat:write',
    });
  });
});

describe('users', () => {
  it('users.info returns the full user object', async () => {
    const { user } = await client.users.info({ user: 'U0ANA00001' });
    expect(user).toMatchObject({ id: 'U0ANA00001', team_id: TEAM, name: 'ana', real_name: 'Ana Lima', deleted: false, is_bot: false, tz: expect.any(String) });
    expect(user?.profile).toMatchObject({ display_name: 'Ana', real_name: 'Ana Lima', image_72: expect.stringMatching(/^https:/) });
    expect(user).not.toHaveProperty('locale');
    expect((await client.users.info({ user: 'U0ANA00001', include_locale: true })).user?.locale).toBe('en-US');
  });

  it('users.info shows bot users with their bot profile', async () => {
    const { user } = await client.users.info({ user: BOT_USER });
    expect(user).toMatchObject({ is_bot: true, profile: { bot_id: 'B0SIMBOT01', api_app_id: 'A0SIMAPP1', always_active: true } });
  });

  it('users.info answers user_not_found for unknown users and users of other workspaces', async () => {
    expect(await platformError(client.users.info({ user: 'U0NOBODY00' }))).toMatchObject({ error: 'user_not_found' });
    expect(await platformError(client.users.info({ user: 'U0FAR00001' }))).toMatchObject({ error: 'user_not_found' });
  });

  it('users.info sees profile changes made in the state', async () => {
    sim.state.updateUser('U0BO000001', { profile: { display_name: 'Bobo' } });
    expect((await client.users.info({ user: 'U0BO000001' })).user?.profile?.display_name).toBe('Bobo');
  });

  it('users.conversations lists what a user is in, as the bot may see it', async () => {
    const all = await client.users.conversations({ user: 'U0ANA00001', types: 'public_channel,private_channel' });
    expect(all.channels?.map((c) => c.id)).toEqual(['C0GENERAL1', 'C0NOBOT001', 'C0SECRET01']);
    const mine = await client.users.conversations({});
    expect(mine.channels?.map((c) => c.id)).toEqual(['C0GENERAL1', 'C0OLD00001']);
    expect(mine.response_metadata?.next_cursor).toBe('');
  });
});

describe('conversations', () => {
  it('conversations.info returns the channel with is_member and, on request, num_members', async () => {
    const { channel } = await client.conversations.info({ channel: 'C0GENERAL1', include_num_members: true });
    expect(channel).toMatchObject({ id: 'C0GENERAL1', name: 'general', is_channel: true, is_private: false, is_archived: false, is_member: true, num_members: 3 });
    expect((await client.conversations.info({ channel: 'C0SECRET01' })).channel).toMatchObject({ is_private: true, is_member: true });
    expect((await client.conversations.info({ channel: 'C0NOBOT001' })).channel).toMatchObject({ is_member: false });
  });

  it('conversations.info hides private channels without the bot, and other workspaces', async () => {
    for (const channel of ['C0HIDDEN01', 'C0FAR00001', 'C0MISSING1']) {
      expect(await platformError(client.conversations.info({ channel }))).toMatchObject({ error: 'channel_not_found' });
    }
  });

  it('conversations.info follows renames', async () => {
    sim.state.addChannel({ id: 'C0RENAME01', name: 'before', members: [BOT_USER] });
    sim.state.renameChannel('C0RENAME01', 'after');
    expect((await client.conversations.info({ channel: 'C0RENAME01' })).channel).toMatchObject({ name: 'after', previous_names: ['before'] });
  });

  it('conversations.list filters by types and exclude_archived', async () => {
    const publicOnly = await client.conversations.list({});
    expect(publicOnly.channels?.map((c) => c.id)).toEqual(expect.arrayContaining(['C0GENERAL1', 'C0NOBOT001', 'C0OLD00001']));
    expect(publicOnly.channels?.map((c) => c.id)).not.toContain('C0SECRET01');
    const privateOnly = await client.conversations.list({ types: 'private_channel' });
    expect(privateOnly.channels?.map((c) => c.id)).toEqual(['C0SECRET01']);
    const active = await client.conversations.list({ exclude_archived: true });
    expect(active.channels?.map((c) => c.id)).not.toContain('C0OLD00001');
    expect(await platformError(client.conversations.list({ types: 'bogus' }))).toMatchObject({ error: 'invalid_types' });
  });

  it('conversations.list paginates with cursors the WebClient follows', async () => {
    for (let i = 0; i < 7; i++) sim.state.addChannel({ id: `C0PAGE0000${i}`, name: `page-${i}` });
    const ids: string[] = [];
    for await (const page of client.paginate('conversations.list', { limit: 3 })) {
      const channels = (page as { channels?: Array<{ id: string }> }).channels ?? [];
      expect(channels.length).toBeLessThanOrEqual(3);
      ids.push(...channels.map((c) => c.id));
    }
    expect(ids).toEqual(expect.arrayContaining(['C0PAGE00000', 'C0PAGE00006', 'C0GENERAL1']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sim.callsTo('conversations.list').length).toBeGreaterThan(3);
    expect(await platformError(client.conversations.list({ cursor: 'garbage' }))).toMatchObject({ error: 'invalid_cursor' });
  });

  it('conversations.members paginates', async () => {
    const first = await client.conversations.members({ channel: 'C0GENERAL1', limit: 2 });
    expect(first.members).toEqual(['U0ANA00001', 'U0BO000001']);
    const second = await client.conversations.members({ channel: 'C0GENERAL1', limit: 2, cursor: first.response_metadata?.next_cursor });
    expect(second.members).toEqual([BOT_USER]);
    expect(second.response_metadata?.next_cursor).toBe('');
    sim.state.joinChannel('C0GENERAL1', 'U0NEW00001');
    expect((await client.conversations.members({ channel: 'C0GENERAL1' })).members).toContain('U0NEW00001');
  });
});

describe('team, views and chat', () => {
  it('team.info describes the workspace', async () => {
    const { team } = await client.team.info();
    expect(team).toMatchObject({ id: TEAM, name: 'Sim Community', domain: 'simcommunity', url: 'https://simcommunity.slack.com/', icon: { image_default: true } });
    expect(await platformError(client.team.info({ team: 'T0UNKNOWN1' }))).toMatchObject({ error: 'team_not_found' });
  });

  it('views.publish stores the Home tab and returns the view', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hello*' } }];
    const first = await client.views.publish({ user_id: 'U0ANA00001', view: { type: 'home', blocks } });
    expect(first.view).toMatchObject({ type: 'home', team_id: TEAM, app_id: 'A0SIMAPP1', bot_id: 'B0SIMBOT01', blocks: [{ ...blocks[0], block_id: expect.any(String) }] });
    expect(first.view?.id).toMatch(/^V/);
    expect(sim.state.publishedView('U0ANA00001')?.id).toBe(first.view?.id);
    const second = await client.views.publish({ user_id: 'U0ANA00001', view: { type: 'home', blocks: [] }, hash: first.view?.hash });
    expect(second.view?.id).toBe(first.view?.id);
    expect(await platformError(client.views.publish({ user_id: 'U0ANA00001', view: { type: 'home', blocks: [] }, hash: 'stale' }))).toMatchObject({ error: 'hash_conflict' });
  });

  it('views.publish rejects oversize views with invalid_arguments and messages', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
    expect(await platformError(client.views.publish({ user_id: 'U0ANA00001', view: { type: 'home', blocks } }))).toEqual({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be less than 101 items [json-pointer:/view/blocks]'] },
    });
    const published = await client.apiCall('views.publish', { user_id: 'U0ANA00001', view: 'not json' }).catch((e: WebAPIPlatformError) => e.data);
    expect(published).toMatchObject({ error: 'invalid_arguments', response_metadata: { messages: expect.arrayContaining(['[ERROR] must provide an object [json-pointer:/view]']) } });
    expect(await platformError(client.views.publish({ user_id: 'U0NOBODY00', view: { type: 'home', blocks: [] } }))).toMatchObject({ error: 'user_not_found' });
  });

  it('chat.postMessage posts where the bot is a member and returns the message', async () => {
    const result = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'hello' });
    expect(result).toMatchObject({ ok: true, channel: 'C0GENERAL1', ts: expect.stringMatching(/^\d+\.\d{6}$/), message: { type: 'message', text: 'hello', user: BOT_USER, bot_id: 'B0SIMBOT01' } });
    expect(sim.state.messages.at(-1)).toMatchObject({ channel: 'C0GENERAL1', text: 'hello', ts: result.ts });
    expect(await platformError(client.chat.postMessage({ channel: 'C0NOBOT001', text: 'x' }))).toMatchObject({ error: 'not_in_channel' });
    expect(await platformError(client.chat.postMessage({ channel: 'C0HIDDEN01', text: 'x' }))).toMatchObject({ error: 'channel_not_found' });
    expect(await platformError(client.chat.postMessage({ channel: 'C0OLD00001', text: 'x' }))).toMatchObject({ error: 'is_archived' });
    expect(await platformError(client.apiCall('chat.postMessage', { channel: 'C0GENERAL1' }))).toMatchObject({ error: 'no_text' });
    const dm = await client.chat.postMessage({ channel: 'U0ANA00001', text: 'psst' });
    expect(dm.channel).toMatch(/^D/);
  });

  it('chat.postEphemeral returns message_ts and needs the user in the channel', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0ANA00001', text: 'only you' });
    expect(result).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    expect(result.response_metadata?.acceptedScopes).toEqual(['chat:write']);
    expect(sim.state.messages.at(-1)).toMatchObject({ ephemeralTo: 'U0ANA00001', text: 'only you' });
    expect(await platformError(client.chat.postEphemeral({ channel: 'C0SECRET01', user: 'U0BO000001', text: 'x' }))).toMatchObject({ error: 'user_not_in_channel' });
  });

  it('chat.getPermalink builds the archive link', async () => {
    const result = await client.chat.getPermalink({ channel: 'C0GENERAL1', message_ts: '1531420618.000200' });
    expect(result).toMatchObject({ ok: true, channel: 'C0GENERAL1', permalink: 'https://simcommunity.slack.com/archives/C0GENERAL1/p1531420618000200' });
    expect(await platformError(client.chat.getPermalink({ channel: 'C0HIDDEN01', message_ts: '1.2' }))).toMatchObject({ error: 'channel_not_found' });
  });

  it('apps.connections.open needs an app-level token in the header', async () => {
    const result = await clientFor(APP_TOKEN).apps.connections.open({});
    expect(result.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${sim.port}/link/\\?ticket=[^&]+&app_id=`));
    expect(await platformError(client.apps.connections.open({}))).toMatchObject({ error: 'not_allowed_token_type' });
    const viaParam = await fetch(`${sim.apiUrl}apps.connections.open`, { method: 'POST', body: new URLSearchParams({ token: APP_TOKEN }) });
    expect(await viaParam.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('answers unknown methods with unknown_method', async () => {
    expect(await platformError(client.apiCall('nope.never'))).toMatchObject({ ok: false, error: 'unknown_method', req_method: 'nope.never' });
  });
});

describe('other request forms', () => {
  it('accepts JSON bodies with a Bearer token, and GET with query parameters', async () => {
    const json = await fetch(`${sim.apiUrl}users.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ user: 'U0ANA00001' }),
    });
    expect(await json.json()).toMatchObject({ ok: true, user: { id: 'U0ANA00001' } });
    const get = await fetch(`${sim.apiUrl}conversations.info?token=${BOT_TOKEN}&channel=C0GENERAL1`);
    expect(await get.json()).toMatchObject({ ok: true, channel: { id: 'C0GENERAL1' } });
    expect(sim.callsTo('conversations.info')[0]).toMatchObject({ httpMethod: 'GET', token: BOT_TOKEN, params: { channel: 'C0GENERAL1' } });
  });

  it('ignores a token inside a JSON body, as Slack does', async () => {
    const response = await fetch(`${sim.apiUrl}auth.test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: BOT_TOKEN }) });
    expect(await response.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });
});

describe('faults and the call log', () => {
  it('answers 429 with Retry-After, and the WebClient waits and retries', async () => {
    sim.rateLimit('users.info', { times: 1, retryAfterSec: 1 });
    const retrying = clientFor(BOT_TOKEN, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    const limited: number[] = [];
    retrying.on(WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
    const started = Date.now();
    const result = await retrying.users.info({ user: 'U0ANA00001' });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(limited).toEqual([1]);
    expect(sim.callsTo('users.info').map((c) => c.status)).toEqual([429, 200]);
    expect(sim.callsTo('users.info')[0]?.response).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('sends Retry-After on the raw response', async () => {
    sim.rateLimit('*', { times: 1, retryAfterSec: 7 });
    const response = await fetch(`${sim.apiUrl}team.info`, { method: 'POST', headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('lets clients reject rate-limited calls instead of waiting', async () => {
    sim.rateLimit('team.info', { times: 1, retryAfterSec: 30 });
    const impatient = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    const error = (await impatient.team.info().catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(30);
  });

  it('delays answers and fails the next call on demand', async () => {
    sim.delay('users.info', 300);
    const started = Date.now();
    await client.users.info({ user: 'U0ANA00001' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    sim.delay('users.info', 0);
    sim.failNext('users.info', 'fatal_error');
    expect(await platformError(client.users.info({ user: 'U0ANA00001' }))).toEqual({ ok: false, error: 'fatal_error', response_metadata: {} });
    expect((await client.users.info({ user: 'U0ANA00001' })).ok).toBe(true);
  });

  it('waits for calls already made or still to come', async () => {
    await client.users.info({ user: 'U0ANA00001' });
    const past = await sim.waitForCall('users.info');
    expect(past.params.user).toBe('U0ANA00001');
    const future = sim.waitForCall('users.info', (call) => call.params.user === 'U0BO000001', 2000);
    void client.users.info({ user: 'U0BO000001' });
    expect((await future).token).toBe(BOT_TOKEN);
    await expect(sim.waitForCall('team.info', undefined, 50)).rejects.toThrow(/Timed out/);
  });

  it('keeps workspaces apart per token', async () => {
    const other = clientFor(OTHER_BOT_TOKEN);
    expect((await other.auth.test()).team_id).toBe('T0SIMTEAM2');
    expect((await other.conversations.info({ channel: 'C0FAR00001' })).channel?.name).toBe('far');
    expect(await platformError(other.conversations.info({ channel: 'C0GENERAL1' }))).toMatchObject({ error: 'channel_not_found' });
  });
});
