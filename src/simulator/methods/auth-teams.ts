// auth.teams.list: the workspaces a token may act in. For an organisation-wide install, the
// workspaces an admin granted it; for a workspace install, that one workspace.
import { teamsOf } from '../state';
import { paginate } from './pagination';
import { intParam, stringParam } from './params';
import { fail, type MethodSpec } from './types';

export const authTeamsList: MethodSpec = {
  tokens: 'bot',
  scopes: [],
  handle({ state, params, token }) {
    const teams = [...teamsOf(token)].map((id) => state.team(id)).filter((t) => t !== undefined);
    const result = paginate(teams, (team) => team.id, 'team', stringParam(params, 'cursor'), intParam(params, 'limit'));
    if (!result.ok) return fail(result.error);
    return {
      ok: true,
      teams: result.page.items.map((t) => ({ id: t.id, name: t.name, icon: { image_default: true } })),
      response_metadata: { next_cursor: result.page.nextCursor },
    };
  },
};
