// A TCP relay between the app and the Slack simulator, to make Slack unreachable on demand:
// `refuse()` resets every open connection and every new one at once (the app's calls fail with
// a network error, as when Slack's API host refuses or drops connections), `restore()` relays
// again. Counts the connections it refused, i.e. how often the app tried to reach Slack.
// Used by the collect integration tests and by bench/slack-stress.ts.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SlackRelay {
  /** Base URL for SLACK_API_URL (…/api/), through the relay. */
  readonly apiUrl: string;
  /** Connections refused since the relay started. */
  readonly refused: number;
  refuse(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startSlackRelay(target: { port: number; host?: string }): Promise<SlackRelay> {
  const host = target.host ?? '127.0.0.1';
  const open = new Set<Socket>();
  let refusing = false;
  let refused = 0;
  const server: Server = createServer((client) => {
    if (refusing) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, host);
    open.add(client);
    open.add(upstream);
    const done = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    get refused() {
      return refused;
    },
    refuse() {
      refusing = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      refusing = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
