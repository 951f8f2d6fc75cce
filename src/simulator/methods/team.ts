// team.info.
import { stringParam } from './params';
import { fail, type MethodSpec } from './types';

export const teamInfo: MethodSpec = {
  tokens: 'bot',
  scopes: ['team:read'],
  handle({ state, params, token }) {
    const id = stringParam(params, 'team') ?? token.teamId;
    const team = state.team(id);
    if (!team) return fail('team_not_found');
    const icon = (size: number): string => `https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-${size}.png`;
    return {
      ok: true,
      team: {
        id: team.id,
        name: team.name,
        url: `https://${team.domain}.slack.com/`,
        domain: team.domain,
        email_domain: team.email_domain,
        icon: {
          image_default: true,
          image_34: icon(34),
          image_44: icon(44),
          image_68: icon(68),
          image_88: icon(88),
          image_102: icon(102),
          image_230: icon(230),
          image_132: icon(132),
        },
        avatar_base_url: 'https://ca.slack-edge.com/',
        is_verified: false,
        ...(team.enterprise_id ? { enterprise_id: team.enterprise_id, enterprise_name: team.enterprise_name ?? '' } : {}),
        lob_sales_home_enabled: false,
        is_sfdc_auto_slack: false,
      },
    };
  },
};
