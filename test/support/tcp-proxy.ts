// A TCP proxy we control, put between the app and PostgreSQL to make real outages without
// touching the shared server: `refuse()` closes the listening socket (new connections get
// ECONNREFUSED) and cuts every open one (the driver sees "Connection terminated"); `reset()`
// accepts and cuts at once (ECONNRESET); `blackhole()` accepts and never answers (timeouts);
// `restore()` forwards again, on the same port.
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'refuse' | 'reset' | 'blackhole';

export interface TcpProxy {
  /** The port the proxy listens on (fixed for its whole life). */
  readonly port: number;
  readonly mode: ProxyMode;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  refuse(): Promise<void>;
  reset(): Promise<void>;
  blackhole(): Promise<void>;
  restore(): Promise<void>;
  /** Connections accepted so far (forwarded or not). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, options: { port?: number } = {}): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  let accepted = 0;
  const open = new Set<Socket>();
  let server: Server | undefined;

  const onConnection = (client: Socket) => {
    accepted++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') return;
    const upstream = connect(target.port, target.host);
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  const stopListening = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  server = await listen(options.port ?? 0);
  const port = (server.address() as { port: number }).port;

  const setMode = async (next: ProxyMode) => {
    if (next === mode) return;
    mode = next;
    if (next === 'refuse') {
      const closing = stopListening();
      cutAll();
      await closing;
      return;
    }
    // Going down cuts what was forwarded; coming back cuts what was held (blackholed).
    cutAll();
    if (!server) {
      // The port is ours until someone else binds it; retry briefly if the OS is slow to free it.
      for (let attempt = 0; ; attempt++) {
        try {
          server = await listen(port);
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    }
  };

  return {
    port,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    urlFor(url: string) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    refuse: () => setMode('refuse'),
    reset: () => setMode('reset'),
    blackhole: () => setMode('blackhole'),
    restore: () => setMode('forward'),
    async close() {
      mode = 'refuse';
      const closing = stopListening();
      cutAll();
      await closing;
    },
  };
}
