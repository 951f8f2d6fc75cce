// Composition root: config → store → Slack clients → Bolt app (HTTP or Socket Mode) → HTTP
// routes. `createApp` builds it without touching process state, so tests run the real thing
// in-process; src/main.ts adds signals and exit codes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { activityRegistry } from './activities';
import type { ActivityRegistry } from './activities/registry';
import { anyOf, apiKeyAuthenticator, envTokenAuthenticator } from './api/auth';
import { errorHandler } from './api/error-handler';
import type { Authenticate } from './api/principal';
import { apiRouter } from './api/router';
import { healthRouter } from './api/routes/health';
import { LabelFiller } from './sources/slack/label-filler';
import type { Config } from './config';
import { boltLogger, type Logger } from './logger';
import { CheckedApp } from './slack/checked-app';
import { SlackDirectory } from './sources/slack/lookups/directory';
import { EventTally } from './slack/event-tally';
import { connectToSlack } from './slack/install/connect';
import { register as registerActions } from './slack/listeners/actions';
import { register as registerCommands } from './slack/listeners/commands';
import { register as registerEvents } from './slack/listeners/events';
import type { ListenerDeps } from './slack/listeners/deps';
import { httpReceiver } from './slack/receivers/http-receiver';
import { appTokenError, DeferredAckSocketModeReceiver } from './slack/receivers/socket-mode-receiver';
import { answerClientErrors } from './http/client-errors';
import { listen } from './http/listen';
import { describeStore } from './store/database-url';
import { openStore, type Store } from './store/store';

export interface RunningApp {
  /** The port the HTTP server listens on (useful with PORT=0). */
  port: number;
  url: string;
  store: Store;
  /** The workspace of single-workspace mode (undefined with the OAuth install). */
  teamId: string | undefined;
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  logger: Logger;
  registry?: ActivityRegistry;
  /** Extra API authenticators (API keys); API_TOKEN is always accepted. */
  authenticators?: Authenticate[];
  /** How often the summary of Slack events is logged (default once a minute). */
  eventSummaryIntervalMs?: number;
}

export async function createApp(options: CreateAppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const registry = options.registry ?? activityRegistry;
  const slackClientOptions = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};

  const store = await openStore({
    databaseUrl: config.databaseUrl,
    registry,
    poolSize: config.databasePoolSize,
    sqliteSynchronous: config.sqliteSynchronous,
    onMigrated: (result) =>
      logger.info(
        { applied: result.applied, alreadyApplied: result.alreadyApplied, store: describeStore(config.databaseUrl) },
        `store ready: ${describeStore(config.databaseUrl)} (${result.applied.length} migrations applied now, ${result.alreadyApplied} before)`,
      ),
  });

  try {
    const slack = await connectToSlack({ config, store, logger });
    const { access } = slack;
    const directory = new SlackDirectory({ store, clientFor: (workspaceId) => access.clientFor(workspaceId), logger, lookupBudgetMs: config.slack.lookupBudgetMs });
    const labels = new LabelFiller({ store, directory, logger });

    let shuttingDown = false;
    const web = express();
    web.disable('x-powered-by');

    const tally = new EventTally(logger, options.eventSummaryIntervalMs);
    const receiver = config.socketMode
      ? new DeferredAckSocketModeReceiver({ appToken: config.slack.appToken!, logger: boltLogger(logger), slackApiUrl: config.slack.apiUrl })
      : httpReceiver({ web, signingSecret: config.slack.signingSecret!, logger, tally });

    const bolt = new CheckedApp({
      store,
      appLogger: logger,
      rejectMalformed: !config.socketMode,
      isInstalled: (source) => access.isInstalled(source),
      ...access.boltAuthorization(),
      receiver,
      logger: boltLogger(logger),
      clientOptions: slackClientOptions,
      // No conversation-state middleware: we keep nothing per conversation, and it costs a lookup per event.
      convoStore: false,
    });
    const deps: ListenerDeps = { store, directory, labels, registry, logger, tally, access };
    registerEvents(bolt, deps);
    registerCommands(bolt, deps);
    registerActions(bolt, deps);

    // API_TOKEN speaks for the one workspace of single-workspace mode (the configuration refuses it with the OAuth install).
    const singleTeamId = access.singleTeamId;
    const authenticate = anyOf(
      ...(singleTeamId ? [envTokenAuthenticator(config.apiToken, () => singleTeamId)] : []),
      apiKeyAuthenticator(store),
      ...(options.authenticators ?? []),
    );
    // Mounted after the receiver's POST /slack/events route (added when it was constructed), so
    // Slack's requests, the hot path, do not walk these routers first.
    if (slack.routes) web.use(slack.routes);
    web.use(healthRouter({ store, isShuttingDown: () => shuttingDown, logger }));
    web.use('/api/v1', apiRouter({ store, registry, authenticate }));
    web.use(errorHandler(logger));
    if (!config.apiToken) {
      logger.info('API_TOKEN is not set: /api/v1 accepts only API keys made with `npm run cli -- keys create` (and answers 401 without one)');
    }

    const server: Server = createServer(web);
    server.keepAliveTimeout = 65_000;
    // While shutting down every answer closes its connection, so a keep-alive client (Slack)
    // cannot hold the server open past its in-flight requests: it sends the next one elsewhere.
    server.prependListener('request', (_req, res) => {
      if (shuttingDown) res.setHeader('connection', 'close');
    });
    answerClientErrors(server);
    await listen(server, config.http.port, config.http.host);
    const port = (server.address() as AddressInfo).port;
    if (receiver instanceof DeferredAckSocketModeReceiver) {
      try {
        await receiver.start();
      } catch (error) {
        server.close();
        throw appTokenError(error) ?? error;
      }
    }
    labels.start();
    tally.start();
    logger.info(
      { port, host: config.http.host, mode: config.socketMode ? 'socket' : 'http' },
      config.socketMode
        ? `activity collector listening: connected to Slack over Socket Mode; API and health checks on port ${port}`
        : `activity collector listening on port ${port}: set your Slack app's request URLs to https://<this server's public host>/slack/events`,
    );

    return {
      port,
      url: `http://127.0.0.1:${port}`,
      store,
      teamId: access.singleTeamId,
      async stop() {
        shuttingDown = true;
        if (receiver instanceof DeferredAckSocketModeReceiver) await receiver.stop().catch(() => undefined);
        // Stop accepting connections, let in-flight requests finish (bounded), then close. Idle
        // keep-alive connections close now, busy ones after their answer (Connection: close);
        // the sweep closes any that went idle in between. What is cut at the deadline was not
        // acknowledged, so Slack redelivers it.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        const timer = setTimeout(() => {
          logger.warn({ shutdownTimeoutMs: config.shutdownTimeoutMs }, `requests still running after SHUTDOWN_TIMEOUT_MS (${config.shutdownTimeoutMs} ms): their connections are cut (Slack redelivers those events)`);
          server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        await closed;
        clearInterval(sweep);
        clearTimeout(timer);
        await labels.stop();
        await slack.stop();
        tally.stop();
        await store.close();
        logger.info('stopped');
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
