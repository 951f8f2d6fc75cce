// auth.test: who the token belongs to. An organisation-wide install's token names its
// enterprise and says is_enterprise_install, with no workspace of its own.
import { fail, type MethodSpec } from './types';

export const authTest: MethodSpec = {
  tokens: 'bot',
  scopes: [],
  handle({ state, token }) {
    if (token.isEnterpriseInstall) {
      const anyTeam = [...state.teams.values()].find((t) => t.enterprise_id === token.enterpriseId);
      return {
        ok: true,
        url: `https://${anyTeam?.domain ?? 'org'}.enterprise.slack.com/`,
        team: anyTeam?.enterprise_name ?? '',
        user: state.user(token.botUserId)?.name ?? 'bot',
        team_id: token.enterpriseId,
        user_id: token.botUserId,
        bot_id: token.botId,
        enterprise_id: token.enterpriseId,
        is_enterprise_install: true,
      };
    }
    const team = state.team(token.teamId);
    if (!team) return fail('invalid_auth');
    return {
      ok: true,
      url: `https://${team.domain}.slack.com/`,
      team: team.name,
      user: state.user(token.botUserId)?.name ?? 'bot',
      team_id: team.id,
      user_id: token.botUserId,
      bot_id: token.botId,
      ...(token.enterpriseId ? { enterprise_id: token.enterpriseId } : {}),
      is_enterprise_install: false,
    };
  },
};
