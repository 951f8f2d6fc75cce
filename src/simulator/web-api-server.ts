// A local stand-in for slack.com: the Web API under /api/, response_url endpoints under
// /response/, Socket Mode WebSockets under /link/, the OAuth authorize page under /oauth/v2/,
// all on one port. Everything lives in the returned object, so several simulators can run in
// one process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest } from './api-handler';
import { AuthorizePage, type Consent } from './oauth-authorize';
import { CallLog, type ApiCall } from './call-log';
import { Knobs, type FailOptions, type RateLimitOptions } from './knobs';
import { ResponseUrls, type ResponseUrlPost } from './response-urls';
import { SocketModeServer, type EnvelopeType, type SocketAck, type SocketConnectionInfo, type SocketSendOptions } from './socket-mode-server';
import { WorkspaceState } from './state';

export type { ApiCall } from './call-log';
export type { ResponseUrlPost } from './response-urls';
export type { Consent } from './oauth-authorize';
export type { EnvelopeType, SocketAck, SocketConnectionInfo, SocketSendOptions } from './socket-mode-server';

export interface SlackSimulatorOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How often Socket Mode connections are pinged (default 5000 ms). */
  socketPingIntervalMs?: number;
}

/** Socket Mode, from Slack's side. */
export interface SimulatorSocket {
  /** Sends an envelope to a connected app and resolves with its ack (rejects after opts.timeoutMs, default 5 s). */
  send(type: EnvelopeType, payload: object, opts?: SocketSendOptions): Promise<SocketAck>;
  /** Sends any message to every connection; returns how many got it. */
  sendRaw(message: object | string): number;
  /** Resolves once an app is connected (at once if one is). */
  waitForConnection(timeoutMs?: number): Promise<SocketConnectionInfo>;
  /** Sends {type:"disconnect", reason:"refresh_requested"} to every connection and resolves when all closed. */
  disconnectAll(opts?: { reason?: string; closeAfterMs?: number }): Promise<void>;
  readonly connectionCount: number;
  /** Every message apps sent over Socket Mode (acks included). */
  readonly received: readonly unknown[];
}

export interface SlackSimulator {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Base URL for WebClient / Bolt `slackApiUrl`, ending in /api/. */
  readonly apiUrl: string;
  readonly port: number;
  readonly state: WorkspaceState;
  /** Every Web API call, oldest first (status 0 while still being answered). */
  readonly calls: readonly ApiCall[];
  callsTo(method: string): ApiCall[];
  /** The first answered call to `method` matching `predicate`, already made or still to come. */
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  clearCalls(): void;
  /** The next `times` calls to `method` ("*": any) answer 429 with Retry-After. */
  rateLimit(method: string, opts?: RateLimitOptions): void;
  /** Every call to `method` ("*": any) waits `ms` before being answered; 0 removes the delay. */
  delay(method: string, ms: number): void;
  /** The next call(s) to `method` answer {ok:false, error}. */
  failNext(method: string, error: string, opts?: FailOptions): void;
  /** Removes every rateLimit / delay / failNext. */
  resetFaults(): void;
  /** Slack's authorize page (GET /oauth/v2/authorize), for the OAuth install flow. */
  readonly authorizeUrl: string;
  /** What the next visit to the authorize page decides (a workspace, an org-wide install, a refusal). */
  consent(decision: Consent): void;
  /** A fresh response_url pointing at this simulator. */
  newResponseUrl(): string;
  /** What the app POSTed to a response_url (given as URL or ID). */
  responses(idOrUrl: string): ResponseUrlPost[];
  waitForResponse(idOrUrl: string, predicate?: (post: ResponseUrlPost) => boolean, timeoutMs?: number): Promise<ResponseUrlPost>;
  readonly socket: SimulatorSocket;
  /** Stops the HTTP server and every socket; pending waits reject. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a simulator on `opts.host`:`opts.port` (default 127.0.0.1, a free port). */
export async function startSlackSimulator(opts: SlackSimulatorOptions = {}): Promise<SlackSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const state = new WorkspaceState();
  const log = new CallLog();
  const knobs = new Knobs();
  const responseUrls = new ResponseUrls();
  const authorizePage = new AuthorizePage(state);
  let baseUrl = '';
  const socketServer = new SocketModeServer(() => baseUrl.replace(/^http/, 'ws'), { pingIntervalMs: opts.socketPingIntervalMs });
  const deps = { state, log, knobs, baseUrl: () => baseUrl, openSocketUrl: (appId: string) => socketServer.issueUrl(appId) };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const api = /^\/api\/([^/]+)$/.exec(url.pathname);
    if (api?.[1]) return handleApiRequest(deps, req, res, decodeURIComponent(api[1]), url.searchParams);
    if (url.pathname === '/oauth/v2/authorize' && (req.method ?? 'GET') === 'GET') return authorizePage.handle(req, res, url);
    const response = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (response?.[1]) return responseUrls.handle(req, res, response[1]);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('upgrade', (req, socket, head) => socketServer.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${urlHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  const socket: SimulatorSocket = {
    send: (type, payload, sendOpts) => socketServer.send(type, payload, sendOpts),
    sendRaw: (message) => socketServer.sendRaw(message),
    waitForConnection: (timeoutMs) => socketServer.waitForConnection(timeoutMs),
    disconnectAll: (disconnectOpts) => socketServer.disconnectAll(disconnectOpts),
    get connectionCount() {
      return socketServer.connectionCount;
    },
    received: socketServer.received,
  };

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    port,
    state,
    calls: log.calls,
    callsTo: (method) => log.callsTo(method),
    waitForCall: (method, predicate, timeoutMs) => log.waitFor(method, predicate, timeoutMs),
    clearCalls: () => log.clear(),
    rateLimit: (method, rateOpts) => knobs.rateLimit(method, rateOpts),
    delay: (method, ms) => knobs.delay(method, ms),
    failNext: (method, error, failOpts) => knobs.failNext(method, error, failOpts),
    resetFaults: () => knobs.reset(),
    authorizeUrl: `${baseUrl}/oauth/v2/authorize`,
    consent: (decision) => authorizePage.consent(decision),
    newResponseUrl: () => responseUrls.issue(baseUrl),
    responses: (idOrUrl) => responseUrls.received(idOrUrl),
    waitForResponse: (idOrUrl, predicate, timeoutMs) => responseUrls.waitFor(idOrUrl, predicate, timeoutMs),
    socket,
    close() {
      closing ??= (async () => {
        log.close();
        responseUrls.close();
        await socketServer.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections from clients would hold close() open indefinitely.
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
