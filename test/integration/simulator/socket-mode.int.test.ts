// Socket Mode driven by the real @slack/socket-mode SocketModeClient: the apps.connections.open
// handshake, hello, envelopes acked by envelope_id, server-initiated disconnects and reconnects.
import { LogLevel, SocketModeClient } from '@slack/socket-mode';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventCallback, messageEvent, slashCommand, blockActions } from '../../../src/simulator/factories';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { APP_ID, APP_TOKEN, seed } from './seed';

interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  type: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
  accepts_response_payload?: boolean;
}

let sim: SlackSimulator;
let client: SocketModeClient | undefined;

function newClient(options: { clientPingTimeout?: number } = {}): SocketModeClient {
  client = new SocketModeClient({
    appToken: APP_TOKEN,
    logLevel: LogLevel.ERROR,
    clientPingTimeout: options.clientPingTimeout ?? 5_000,
    clientOptions: { slackApiUrl: sim.apiUrl },
  });
  return client;
}

beforeEach(async () => {
  // Fast server pings so the client's liveness check sees them during the test.
  sim = await startSlackSimulator({ socketPingIntervalMs: 200 });
  seed(sim);
});

afterEach(async () => {
  await client?.disconnect();
  client = undefined;
  await sim.close();
});

describe('Socket Mode', () => {
  it('greets a client that connected through apps.connections.open', async () => {
    const socket = newClient();
    const hello = new Promise<unknown>((resolve) => socket.once('ws_message', (data: string) => resolve(JSON.parse(String(data)))));
    await socket.start();
    expect(await hello).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: expect.stringMatching(/^applink-/), build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: APP_ID },
    });
    expect(await sim.socket.waitForConnection()).toMatchObject({ appId: APP_ID });
    expect(sim.socket.connectionCount).toBe(1);
    expect(sim.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('delivers an events_api envelope and resolves with the ack', async () => {
    const socket = newClient();
    const received: SlackEventArgs[] = [];
    socket.on('slack_event', async (args: SlackEventArgs) => {
      received.push(args);
      await args.ack();
    });
    await socket.start();
    const body = eventCallback(messageEvent({ text: 'over the socket' }));
    const ack = await sim.socket.send('events_api', body, { retryAttempt: 2, retryReason: 'timeout' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: 'events_api', body, retry_num: 2, retry_reason: 'timeout', accepts_response_payload: false });
    expect(ack).toEqual({ envelope_id: received[0]?.envelope_id, payload: {} });
  });

  it('emits events by inner type and passes first deliveries as retry 0', async () => {
    const socket = newClient();
    const messages: SlackEventArgs[] = [];
    socket.on('message', async (args: SlackEventArgs) => {
      messages.push(args);
      await args.ack();
    });
    await socket.start();
    await sim.socket.send('events_api', eventCallback(messageEvent()));
    expect(messages[0]).toMatchObject({ retry_num: 0, retry_reason: '' });
  });

  it('returns the payload an app acks a slash command with', async () => {
    const socket = newClient();
    socket.on('slash_commands', async ({ ack, body }: SlackEventArgs) => {
      await ack({ text: `you said ${String(body.text)}` });
    });
    await socket.start();
    const ack = await sim.socket.send('slash_commands', slashCommand({ text: 'stats' }));
    expect(ack.payload).toEqual({ text: 'you said stats' });
  });

  it('delivers interactive payloads', async () => {
    const socket = newClient();
    const types: string[] = [];
    socket.on('interactive', async ({ ack, body }: SlackEventArgs) => {
      types.push(String(body.type));
      await ack();
    });
    await socket.start();
    await sim.socket.send('interactive', blockActions());
    expect(types).toEqual(['block_actions']);
  });

  it('rejects when the app does not ack in time', async () => {
    const socket = newClient();
    socket.on('slack_event', () => undefined);
    await socket.start();
    await expect(sim.socket.send('events_api', eventCallback(messageEvent()), { timeoutMs: 200 })).rejects.toThrow(/No ack/);
  });

  it('rejects when no app connects in time', async () => {
    await expect(sim.socket.send('events_api', eventCallback(messageEvent()), { timeoutMs: 100 })).rejects.toThrow(/Socket Mode connection/);
  });

  it('asks clients to reconnect, and the SDK client does', async () => {
    const socket = newClient({ clientPingTimeout: 300 });
    socket.on('slack_event', async ({ ack }: SlackEventArgs) => ack());
    await socket.start();
    const first = await sim.socket.waitForConnection();
    const disconnect = new Promise<unknown>((resolve) =>
      socket.on('ws_message', (data: string) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'disconnect') resolve(message);
      }),
    );
    await sim.socket.disconnectAll();
    expect(await disconnect).toEqual({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: expect.stringMatching(/^applink-/) } });
    const second = await sim.socket.waitForConnection(5_000);
    expect(second.id).not.toBe(first.id);
    expect(sim.callsTo('apps.connections.open')).toHaveLength(2);
    await expect(sim.socket.send('events_api', eventCallback(messageEvent()))).resolves.toMatchObject({ envelope_id: expect.any(String) });
  });

  it('keeps a connection alive across several client ping intervals', async () => {
    const socket = newClient({ clientPingTimeout: 300 });
    socket.on('slack_event', async ({ ack }: SlackEventArgs) => ack());
    await socket.start();
    const { id } = await sim.socket.waitForConnection();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await sim.socket.waitForConnection()).id).toBe(id);
    expect(sim.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('refuses unknown or reused tickets', async () => {
    const { url } = (await (await fetch(`${sim.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${APP_TOKEN}` } })).json()) as { url: string };
    const statusOf = (target: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(target);
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.once('error', () => resolve('error'));
      });
    expect(await statusOf(url)).toBe('open');
    expect(await statusOf(url)).toBe('401');
    expect(await statusOf(`ws://127.0.0.1:${sim.port}/link/?ticket=made-up`)).toBe('401');
  });
});
