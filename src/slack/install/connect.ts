// How the app reaches Slack, chosen by the configuration: one workspace through
// SLACK_BOT_TOKEN (checked with auth.test at start), or every workspace installed through
// Slack's OAuth flow (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), with the
// install pages, the installations table and token rotation.
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Router } from 'express';
import { INSTALL_PATH, OAUTH_REDIRECT_PATH, type Config } from '../../config';
import { boltLogger, type Logger } from '../../logger';
import type { Store } from '../../store/store';
import { identifyBot, SLACK_DEFAULT_API_URL } from '../identify-bot';
import { PrismaInstallationStore } from './installation-store';
import { installRoutes } from './install-routes';
import { OAuthInstallations } from './oauth-installations';
import { SingleWorkspaceAccess } from './single-workspace';
import type { SlackAccess } from './slack-access';
import { TokenRefresher } from './token-refresher';

export interface SlackConnection {
  access: SlackAccess;
  /** The install pages (OAuth mode only). */
  routes: Router | undefined;
  /** Background work to stop at shutdown (token rotation). */
  stop(): Promise<void>;
}

export async function connectToSlack(deps: { config: Config; store: Store; logger: Logger }): Promise<SlackConnection> {
  const { config, store, logger } = deps;
  const clientOptions: WebClientOptions = { ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}), logger: boltLogger(logger) };
  const oauth = config.slack.oauth;
  if (!oauth) {
    const token = config.slack.botToken!;
    const bot = await identifyBot({ token, apiUrl: config.slack.apiUrl, logger });
    await store.workspaces.ensure(bot.teamId, {
      name: bot.teamName ?? null,
      botUserId: bot.botUserId,
      botId: bot.botId ?? null,
      domain: bot.url ? (new URL(bot.url).hostname.split('.')[0] ?? null) : null,
      ...(bot.enterpriseId ? { enterpriseId: bot.enterpriseId } : {}),
    });
    await store.workspaces.markInstalled(bot.teamId, new Date());
    logger.info(
      { teamId: bot.teamId, team: bot.teamName, botUserId: bot.botUserId, slackApiUrl: config.slack.apiUrl ?? SLACK_DEFAULT_API_URL },
      `connected to Slack: workspace ${bot.teamName ?? bot.teamId} (${bot.teamId}) as bot user ${bot.botUserId}`,
    );
    return { access: new SingleWorkspaceAccess(bot, token, new WebClient(token, clientOptions)), routes: undefined, stop: async () => undefined };
  }

  const installations = new OAuthInstallations({ store, logger, clientOptions });
  const refresher = new TokenRefresher({
    store,
    logger,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    clientOptions,
    onRefreshed: (row) => installations.remember(row),
  });
  installations.refresher = refresher;
  await installations.start();
  refresher.start();
  const installationStore = new PrismaInstallationStore({ store, logger, clientOptions, onStored: (row) => installations.remember(row) });
  const routes = installRoutes({ oauth, apiUrl: config.slack.apiUrl, installationStore, logger });
  const count = installations.list().length;
  logger.info(
    { installations: count, installPath: INSTALL_PATH, redirectPath: OAUTH_REDIRECT_PATH, redirectUri: oauth.redirectUri },
    `OAuth install on: ${count} installation${count === 1 ? '' : 's'}; the install page is ${INSTALL_PATH}, Slack redirects to ${oauth.redirectUri ?? OAUTH_REDIRECT_PATH}`,
  );
  return {
    access: installations,
    routes,
    async stop() {
      await refresher.stop();
      await installations.stop();
    },
  };
}
