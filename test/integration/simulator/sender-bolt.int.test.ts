// The sender against a real Bolt app (ExpressReceiver, processBeforeResponse): Bolt's own
// signature check accepts what the sender signs and rejects forgeries; events, slash commands
// and block_actions arrive as Slack would deliver them; respond() lands on the simulator's
// response_url; listener Web API calls land on the simulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActions, buttonAction, eventCallback, messageEvent, slashCommand, urlVerification } from '../../../src/simulator/factories';
import { createSender, sendEvent, sendInteraction, sendSlashCommand } from '../../../src/simulator/sender';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { BOT_TOKEN, TEAM, seed } from './seed';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

let sim: SlackSimulator;
let server: Server;
let eventsUrl: string;
const seen: Array<{ text: string; retryNum: number | undefined; retryReason: string | undefined; userName: string | undefined }> = [];

beforeAll(async () => {
  sim = await startSlackSimulator();
  seed(sim);
  const receiver = new ExpressReceiver({ signingSecret: SECRET, processBeforeResponse: true, logLevel: LogLevel.ERROR });
  const app = new App({ receiver, token: BOT_TOKEN, clientOptions: { slackApiUrl: sim.apiUrl }, logLevel: LogLevel.ERROR });
  app.message(async ({ message, context, client }) => {
    const user = 'user' in message && typeof message.user === 'string' ? message.user : undefined;
    const info = user ? await client.users.info({ user }) : undefined;
    seen.push({ text: 'text' in message ? String(message.text) : '', retryNum: context.retryNum, retryReason: context.retryReason, userName: info?.user?.profile?.display_name });
  });
  app.command('/activity', async ({ ack, command, respond }) => {
    await ack({ response_type: 'ephemeral', text: `ack ${command.text}` });
    await respond({ text: `later for ${command.user_id}` });
  });
  app.action('next_page', async ({ ack, respond, body }) => {
    await ack();
    await respond({ replace_original: true, text: `page for ${body.user.id}` });
  });
  server = createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim.close();
});

describe('sender → Bolt', () => {
  it('delivers a signed event that Bolt accepts, with listener calls going to the simulator', async () => {
    const delivery = await sendEvent(eventsUrl, SECRET, eventCallback(messageEvent({ text: 'hello bolt', user: 'U0ANA00001', channel: 'C0GENERAL1' }), { team_id: TEAM }));
    expect(delivery.status).toBe(200);
    expect(seen.at(-1)).toEqual({ text: 'hello bolt', retryNum: undefined, retryReason: undefined, userName: 'Ana' });
    expect(sim.callsTo('users.info').at(-1)?.params.user).toBe('U0ANA00001');
  });

  it('passes retry headers through to Bolt', async () => {
    await sendEvent(eventsUrl, SECRET, eventCallback(messageEvent({ text: 'again', user: 'U0ANA00001' }), { team_id: TEAM }), { retryNum: 2, retryReason: 'http_timeout' });
    expect(seen.at(-1)).toMatchObject({ text: 'again', retryNum: 2, retryReason: 'http_timeout' });
  });

  it('answers url_verification with the challenge', async () => {
    const delivery = await sendEvent(eventsUrl, SECRET, urlVerification('c-123'));
    expect(delivery).toMatchObject({ status: 200, json: { challenge: 'c-123' } });
  });

  it('is rejected by Bolt when forged or stale', async () => {
    const body = eventCallback(messageEvent(), { team_id: TEAM });
    expect((await sendEvent(eventsUrl, SECRET, body, { signatureOverride: 'v0=deadbeef' })).status).toBe(401);
    expect((await sendEvent(eventsUrl, 'wrong-secret', body)).status).toBe(401);
    expect((await sendEvent(eventsUrl, SECRET, body, { timestampSec: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
  });

  it('delivers a slash command form; the ack is the HTTP response and respond() reaches the response_url', async () => {
    const responseUrl = sim.newResponseUrl();
    const delivery = await sendSlashCommand(eventsUrl, SECRET, slashCommand({ team_id: TEAM, user_id: 'U0ANA00001', text: 'stats', response_url: responseUrl }));
    expect(delivery).toMatchObject({ status: 200, json: { response_type: 'ephemeral', text: 'ack stats' } });
    const post = await sim.waitForResponse(responseUrl);
    expect(post.body).toEqual({ text: 'later for U0ANA00001' });
    expect(sim.responses(responseUrl)).toHaveLength(1);
  });

  it('delivers block_actions as payload=<json>', async () => {
    const responseUrl = sim.newResponseUrl();
    const payload = blockActions({ actions: [buttonAction({ action_id: 'next_page', value: '2' })], response_url: responseUrl });
    const delivery = await sendInteraction(eventsUrl, SECRET, payload);
    expect(delivery.status).toBe(200);
    expect((await sim.waitForResponse(responseUrl)).body).toEqual({ replace_original: true, text: `page for ${payload.user.id}` });
  });

  it('works through an injected fetch (the load-generator variant)', async () => {
    let calls = 0;
    const sender = createSender({
      fetch: (url, init) => {
        calls += 1;
        return fetch(url, init);
      },
    });
    const delivery = await sender.sendEvent(eventsUrl, SECRET, eventCallback(messageEvent({ text: 'via injected fetch', user: 'U0BO000001' }), { team_id: TEAM }));
    expect(delivery.status).toBe(200);
    expect(calls).toBe(1);
  });
});

describe('response_url endpoint', () => {
  it('answers ok like Slack, 404 for URLs it never issued, 400 for broken JSON', async () => {
    const url = sim.newResponseUrl();
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    expect([ok.status, await ok.text()]).toEqual([200, 'ok']);
    expect((await fetch(`${sim.url}/response/never-issued`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
    await expect(sim.waitForResponse(sim.newResponseUrl(), undefined, 50)).rejects.toThrow(/Timed out/);
  });
});
