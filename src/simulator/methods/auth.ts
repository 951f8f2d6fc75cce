// auth.test: who the token belongs to.
import { fail, type MethodSpec } from './types';

export const authTest: MethodSpec = {
  tokens: 'bot',
  scopes: [],
  handle({ state, token }) {
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
      is_enterprise_install: false,
    };
  },
};
