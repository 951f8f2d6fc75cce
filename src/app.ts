// Composition root: config → store → Slack clients → Bolt app (HTTP or Socket Mode) → HTTP
// routes. `createApp` builds it without touching process state, so tests run the real thing
// in-process; src/main.ts adds signals and exit codes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import express from 'express';
import { activityRegistry } from './activities';
import type { ActivityRegistry } from './activities/registry';
import { anyOf, apiKeyAuthenticator, envTokenAuthenticator } from './api/auth';
import { errorHandler } from './api/error-handler';
import type { Authenticate } from './api/principal';
import { apiRouter } from './api/router';
import { healthRouter } from './api/routes/health';
import { LabelFiller } from './collect/label-filler';
import type { Config } from './config';
import { boltLogger, type Logger } from './logger';
import { SlackDirectory } from './slack/directory';
import { register as registerActions } from './slack/listeners/actions';
import { register as registerCommands } from './slack/listeners/commands';
import { register as registerEvents } from './slack/listeners/events';
import type { ListenerDeps } from './slack/listeners/deps';
import { DeferredAckSocketModeReceiver } from './slack/receivers/socket-mode-receiver';
import { openStore, type Store } from './store/store';

export interface RunningApp {
  /** The port the HTTP server listens on (useful with PORT=0). */
  port: number;
  url: string;
  store: Store;
  teamId: string;
  stop(): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  logger: Logger;
  registry?: ActivityRegistry;
  /** Extra API authenticators (API keys); API_TOKEN is always accepted. */
  authenticators?: Authenticate[];
}

interface BotIdentity {
  teamId: string;
  botUserId: string;
  botId: string | undefined;
  teamName: string | undefined;
  url: string | undefined;
}

/** Asks Slack who our bot is; a bad token is a clear startup error, not a crash later. */
async function identifyBot(client: WebClient): Promise<BotIdentity> {
  const auth = await client.auth.test();
  if (!auth.team_id || !auth.user_id) throw new Error('auth.test did not return team_id and user_id');
  return { teamId: auth.team_id, botUserId: auth.user_id, botId: auth.bot_id, teamName: auth.team, url: auth.url };
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
      logger.info({ applied: result.applied, alreadyApplied: result.alreadyApplied, store: config.databaseUrl ? 'configured' : 'sqlite default' }, 'migrations checked'),
  });

  try {
    const botClient = new WebClient(config.slack.botToken, { ...slackClientOptions, logger: boltLogger(logger) });
    const bot = await identifyBot(botClient);
    await store.workspaces.ensure(bot.teamId, {
      name: bot.teamName ?? null,
      botUserId: bot.botUserId,
      botId: bot.botId ?? null,
      domain: bot.url ? new URL(bot.url).hostname.split('.')[0] ?? null : null,
    });
    await store.workspaces.markInstalled(bot.teamId, new Date());
    logger.info({ teamId: bot.teamId, botUserId: bot.botUserId }, 'connected to Slack');

    const clientFor = (workspaceId: string) => (workspaceId === bot.teamId ? botClient : undefined);
    const directory = new SlackDirectory({ store, clientFor, logger, lookupBudgetMs: config.slack.lookupBudgetMs });
    const labels = new LabelFiller({ store, directory, logger });

    let shuttingDown = false;
    const web = express();
    web.disable('x-powered-by');

    const receiver = config.socketMode
      ? new DeferredAckSocketModeReceiver({ appToken: config.slack.appToken!, logger: boltLogger(logger), slackApiUrl: config.slack.apiUrl })
      : new ExpressReceiver({
          signingSecret: config.slack.signingSecret!,
          // Respond to Slack only after listeners finished: an event is acked once stored.
          processBeforeResponse: true,
          app: web,
          endpoints: '/slack/events',
          logger: boltLogger(logger),
        });

    const bolt = new App({
      token: config.slack.botToken,
      botId: bot.botId,
      botUserId: bot.botUserId,
      receiver,
      logger: boltLogger(logger),
      clientOptions: slackClientOptions,
      // No conversation-state middleware: we keep nothing per conversation, and it costs a lookup per event.
      convoStore: false,
    });
    const deps: ListenerDeps = { store, directory, labels, registry, logger };
    registerEvents(bolt, deps);
    registerCommands(bolt, deps);
    registerActions(bolt, deps);

    const authenticate = anyOf(envTokenAuthenticator(config.apiToken, () => bot.teamId), apiKeyAuthenticator(store), ...(options.authenticators ?? []));
    // Mounted after the receiver's POST /slack/events route (added when it was constructed), so
    // Slack's requests, the hot path, do not walk these routers first.
    web.use(healthRouter({ store, isShuttingDown: () => shuttingDown }));
    web.use('/api/v1', apiRouter({ store, registry, authenticate }));
    web.use(errorHandler(logger));
    if (!config.apiToken) logger.warn('API_TOKEN is not set: /api/v1 answers 401 to everyone');

    const server: Server = createServer(web);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.http.port, config.http.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    if (receiver instanceof DeferredAckSocketModeReceiver) await receiver.start();
    labels.start();
    logger.info({ port, mode: config.socketMode ? 'socket' : 'http' }, 'activity collector listening');

    return {
      port,
      url: `http://127.0.0.1:${port}`,
      store,
      teamId: bot.teamId,
      async stop() {
        shuttingDown = true;
        if (receiver instanceof DeferredAckSocketModeReceiver) await receiver.stop().catch(() => undefined);
        // Stop accepting connections, let in-flight requests finish (bounded), then close.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
        await closed;
        clearTimeout(timer);
        await labels.stop();
        await store.close();
        logger.info('stopped');
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
