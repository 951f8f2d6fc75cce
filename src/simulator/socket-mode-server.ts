// Slack's Socket Mode endpoint: apps.connections.open hands out a one-time ws:// URL, the
// client connects and gets "hello", envelopes go down the socket and the app acks each by
// envelope_id. Pings keep @slack/socket-mode's liveness checks satisfied (ws answers the
// client's pings with pongs by itself).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { DEFAULT_WAIT_MS } from './call-log';
import { Waiters } from './waiters';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketSendOptions {
  /** retry_attempt (0 for a first delivery). */
  retryAttempt?: number;
  /** retry_reason, e.g. "timeout" ("" for a first delivery). */
  retryReason?: string;
  /** Default: true for slash_commands, false otherwise (true for view_submission in reality). */
  acceptsResponsePayload?: boolean;
  /** How long to wait for a connection plus the ack (default 5000 ms). */
  timeoutMs?: number;
}

/** What the app sent back for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export interface SocketConnectionInfo {
  id: number;
  appId: string;
  connectedAt: Date;
}

export interface SocketModeServerOptions {
  /** How often the server pings each connection (default 5000 ms). */
  pingIntervalMs?: number;
}

interface Connection extends SocketConnectionInfo {
  ws: WebSocket;
  closed: Promise<void>;
}

interface PendingAck {
  resolve: (ack: SocketAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  connection: Connection;
}

export class SocketModeServer {
  /** Every message connected apps sent (acks included), parsed, oldest first. */
  readonly received: unknown[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, string>();
  private readonly connections = new Set<Connection>();
  private readonly pendingAcks = new Map<string, PendingAck>();
  private readonly connectionWaiters = new Waiters<Connection>();
  private readonly pingTimer: NodeJS.Timeout;
  private nextConnectionId = 1;
  private roundRobin = 0;

  constructor(
    private readonly wsBaseUrl: () => string,
    options: SocketModeServerOptions = {},
  ) {
    this.pingTimer = setInterval(() => {
      for (const connection of this.connections) if (connection.ws.readyState === WebSocket.OPEN) connection.ws.ping();
    }, options.pingIntervalMs ?? 5_000);
    this.pingTimer.unref();
  }

  /** A one-time WebSocket URL for `appId`, as apps.connections.open returns. */
  issueUrl(appId: string): string {
    const ticket = randomUUID();
    this.tickets.set(ticket, appId);
    // Slack's app_id query value is an opaque hash, not the A… ID.
    const appHash = Buffer.from(appId).toString('hex');
    return `${this.wsBaseUrl()}/link/?ticket=${ticket}&app_id=${appHash}`;
  }

  /** Takes over an HTTP upgrade to /link/; refuses unknown or reused tickets with 401. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ticket = url.searchParams.get('ticket') ?? '';
    const appId = this.tickets.get(ticket);
    if (!/^\/link\/?$/.test(url.pathname) || appId === undefined) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.tickets.delete(ticket);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, appId));
  }

  get connectionCount(): number {
    return [...this.connections].filter((c) => c.ws.readyState === WebSocket.OPEN).length;
  }

  /** Open connections. */
  connectionInfo(): SocketConnectionInfo[] {
    return [...this.connections].map(({ id, appId, connectedAt }) => ({ id, appId, connectedAt }));
  }

  /** Resolves once a client is connected and greeted (at once if one already is). */
  async waitForConnection(timeoutMs = DEFAULT_WAIT_MS): Promise<SocketConnectionInfo> {
    const open = this.openConnections()[0];
    const connection = open ?? (await this.connectionWaiters.wait(() => true, timeoutMs, 'a Socket Mode connection'));
    return { id: connection.id, appId: connection.appId, connectedAt: connection.connectedAt };
  }

  /** Sends an envelope to one connected client and resolves with its ack; rejects on timeout or disconnect. */
  async send(type: EnvelopeType, payload: object, options: SocketSendOptions = {}): Promise<SocketAck> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    const started = Date.now();
    await this.waitForConnection(timeoutMs);
    const candidates = this.openConnections();
    const connection = candidates[this.roundRobin++ % candidates.length];
    if (!connection) throw new Error('No open Socket Mode connection');
    const envelopeId = randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: options.acceptsResponsePayload ?? type === 'slash_commands',
    };
    // Slack always states the retry fields on events_api envelopes; on others only when retrying.
    if (type === 'events_api' || options.retryAttempt !== undefined) {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const acked = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelopeId);
        reject(new Error(`No ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, remaining);
      this.pendingAcks.set(envelopeId, { resolve, reject, timer, connection });
    });
    connection.ws.send(JSON.stringify(envelope));
    return acked;
  }

  /** Sends any message to every open connection (for malformed-message tests); returns how many got it. */
  sendRaw(message: object | string): number {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    const open = this.openConnections();
    for (const connection of open) connection.ws.send(text);
    return open.length;
  }

  /** Asks every client to reconnect (type "disconnect"), closing sockets that stay open past `closeAfterMs`. */
  async disconnectAll(options: { reason?: string; closeAfterMs?: number } = {}): Promise<void> {
    const reason = options.reason ?? 'refresh_requested';
    const targets = [...this.connections];
    for (const connection of targets) {
      if (connection.ws.readyState !== WebSocket.OPEN) continue;
      connection.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: hostName(connection) } }));
      const timer = setTimeout(() => connection.ws.terminate(), options.closeAfterMs ?? 2_000);
      timer.unref();
      void connection.closed.then(() => clearTimeout(timer));
    }
    await Promise.all(targets.map((c) => c.closed));
  }

  /** Closes every connection and stops accepting new ones. */
  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    const closing = new Error('Slack simulator closed');
    this.connectionWaiters.rejectAll(closing);
    for (const [id, pending] of this.pendingAcks) {
      clearTimeout(pending.timer);
      pending.reject(closing);
      this.pendingAcks.delete(id);
    }
    const all = [...this.connections];
    for (const connection of all) connection.ws.terminate();
    await Promise.all(all.map((c) => c.closed));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private openConnections(): Connection[] {
    return [...this.connections].filter((c) => c.ws.readyState === WebSocket.OPEN);
  }

  private onConnection(ws: WebSocket, appId: string): void {
    const connection: Connection = {
      id: this.nextConnectionId++,
      appId,
      connectedAt: new Date(),
      ws,
      closed: new Promise<void>((resolve) => ws.once('close', () => resolve())),
    };
    this.connections.add(connection);
    ws.on('error', () => {
      // A client vanishing mid-frame is normal during reconnect tests; 'close' follows.
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.once('close', () => this.onClose(connection));
    const sameApp = this.openConnections().filter((c) => c.appId === appId).length;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sameApp,
        debug_info: { host: hostName(connection), build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    this.connectionWaiters.notify(connection);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      this.received.push(rawToString(data));
      return;
    }
    this.received.push(message);
    if (typeof message !== 'object' || message === null || !('envelope_id' in message) || typeof message.envelope_id !== 'string') return;
    const pending = this.pendingAcks.get(message.envelope_id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingAcks.delete(message.envelope_id);
    const ack: SocketAck = { envelope_id: message.envelope_id };
    if ('payload' in message) ack.payload = message.payload;
    pending.resolve(ack);
  }

  private onClose(connection: Connection): void {
    this.connections.delete(connection);
    for (const [id, pending] of this.pendingAcks) {
      if (pending.connection !== connection) continue;
      clearTimeout(pending.timer);
      this.pendingAcks.delete(id);
      pending.reject(new Error(`Socket Mode connection ${connection.id} closed before envelope ${id} was acknowledged`));
    }
  }
}

function hostName(connection: SocketConnectionInfo): string {
  return `applink-simulator-${connection.id}`;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
