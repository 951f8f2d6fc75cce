// The install flow's two pages, served by @slack/oauth's InstallProvider (state signed with
// SLACK_STATE_SECRET and checked against a cookie, the code exchanged through oauth.v2.access):
// GET /slack/install (the page with the "Add to Slack" button) and GET /slack/oauth_redirect
// (where Slack sends the person back). Mounted on the app's own HTTP server in both HTTP and
// Socket Mode, so an install works however events arrive.
import { InstallProvider, type InstallationStore } from '@slack/oauth';
import { Router } from 'express';
import { INSTALL_PATH, OAUTH_REDIRECT_PATH, type OAuthConfig } from '../../config';
import { boltLogger, type Logger } from '../../logger';
import { BOT_SCOPES } from '../scopes';
import { installedPage, installFailedPage, installPage } from './install-pages';

/** Slack's authorize page: slack.com's, or the simulator's beside its SLACK_API_URL. */
export function authorizationUrlFor(apiUrl: string | undefined): string {
  return apiUrl ? new URL('../oauth/v2/authorize', apiUrl).toString() : 'https://slack.com/oauth/v2/authorize';
}

/** Why an install failed, in words, from @slack/oauth's error codes and Slack's redirect. */
function failureReason(error: { code?: string; message?: string }, query: URLSearchParams): string {
  if (query.get('error') === 'access_denied') return 'The install was cancelled in Slack. Nothing was installed.';
  if (error.code === 'slack_oauth_invalid_state') return 'The install link expired or was opened in another browser. Start again from the install page.';
  if (error.code === 'slack_oauth_missing_state') return 'The install did not start from this app’s install page. Start again from there.';
  return `Slack did not complete the install (${error.message ?? error.code ?? 'unknown error'}). Start again; if it keeps failing, check SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and the redirect URL registered with Slack.`;
}

export function installRoutes(deps: { oauth: OAuthConfig; apiUrl: string | undefined; installationStore: InstallationStore; logger: Logger }): Router {
  const { oauth, logger } = deps;
  const slackLogger = boltLogger(logger);
  const provider = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: deps.installationStore,
    authorizationUrl: authorizationUrlFor(deps.apiUrl),
    renderHtmlForInstallPath: installPage,
    logger: slackLogger,
    clientOptions: deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {},
  });
  const installOptions = { scopes: [...BOT_SCOPES], ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}) };
  const router = Router();
  router.get(INSTALL_PATH, (req, res, next) => {
    provider.handleInstallPath(req, res, {}, installOptions).catch(next);
  });
  router.get(OAUTH_REDIRECT_PATH, (req, res, next) => {
    provider
      .handleCallback(req, res, {
        success: (installation, _options, _req, callbackRes) => {
          const organisation = installation.isEnterpriseInstall === true;
          const where = organisation ? installation.enterprise : installation.team;
          callbackRes.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(installedPage({ name: where?.name, id: where?.id ?? '', organisation }));
        },
        failure: (error, _options, callbackReq, callbackRes) => {
          const query = new URL(callbackReq.url ?? '/', 'http://x').searchParams;
          logger.warn({ code: error.code, err: error, slackError: query.get('error') }, 'install failed');
          callbackRes.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(installFailedPage(failureReason(error, query)));
        },
      })
      .catch(next);
  });
  return router;
}
