// oauth.v2.access: the app exchanges the code the authorize page gave it for a bot token
// (grant_type authorization_code, the default), or a refresh token for a new access token
// (grant_type refresh_token, with token rotation on). The app authenticates with its client
// id and secret, as HTTP Basic credentials or as arguments; the response has Slack's shape,
// including `team: null` and `enterprise` for an organisation-wide install.
import { stringParam } from './params';
import { fail, type MethodSpec } from './types';

export const oauthV2Access: MethodSpec = {
  tokens: 'none',
  scopes: [],
  handle({ state, params, basic }) {
    const clientId = basic?.id ?? stringParam(params, 'client_id');
    const clientSecret = basic?.secret ?? stringParam(params, 'client_secret');
    const app = state.oauth.appByClientId(clientId);
    if (!app) return fail('invalid_client_id');
    if (app.clientSecret !== clientSecret) return fail('bad_client_secret');
    const grantType = stringParam(params, 'grant_type') ?? 'authorization_code';

    if (grantType === 'refresh_token') {
      const refreshToken = stringParam(params, 'refresh_token');
      if (!refreshToken) return fail('invalid_refresh_token');
      const refreshed = state.oauth.refresh(app, refreshToken);
      if (!refreshed) return fail('invalid_refresh_token');
      const { installation, token, expiresIn } = refreshed;
      const enterprise = installation.enterpriseId ? { id: installation.enterpriseId, name: state.teamsOf(installation.enterpriseId)[0]?.enterprise_name ?? '' } : null;
      return {
        ok: true,
        app_id: app.appId,
        access_token: token.token,
        refresh_token: installation.refreshToken,
        expires_in: expiresIn,
        token_type: 'bot',
        scope: installation.scopes.join(','),
        bot_user_id: installation.botUserId,
        team: installation.teamId ? { id: installation.teamId, name: state.team(installation.teamId)?.name ?? '' } : null,
        enterprise,
        is_enterprise_install: installation.isEnterpriseInstall,
      };
    }
    if (grantType !== 'authorization_code') return fail('invalid_grant_type');

    const code = stringParam(params, 'code');
    const grant = code ? state.oauth.takeGrant(code) : undefined;
    if (!grant || grant.appId !== app.appId) return fail('invalid_code');
    const redirectUri = stringParam(params, 'redirect_uri');
    if (grant.redirectUri !== undefined && redirectUri !== grant.redirectUri) return fail('bad_redirect_uri');
    const { installation, token, expiresIn } = state.oauth.install(grant);
    const team = grant.teamId ? state.team(grant.teamId) : undefined;
    const enterpriseName = team?.enterprise_name ?? (grant.enterpriseId ? state.teamsOf(grant.enterpriseId)[0]?.enterprise_name ?? '' : '');
    return {
      ok: true,
      access_token: token.token,
      token_type: 'bot',
      scope: installation.scopes.join(','),
      bot_user_id: installation.botUserId,
      app_id: app.appId,
      team: team ? { id: team.id, name: team.name } : null,
      enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: enterpriseName } : null,
      is_enterprise_install: grant.isEnterpriseInstall,
      authed_user: { id: grant.installerUserId },
      ...(expiresIn !== undefined ? { expires_in: expiresIn, refresh_token: installation.refreshToken } : {}),
    };
  },
};
