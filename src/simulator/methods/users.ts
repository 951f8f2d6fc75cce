// users.info and users.conversations.
import { paginate } from './pagination';
import { boolParam, intParam, stringParam } from './params';
import { fail, type MethodSpec } from './types';
import { teamsOf } from '../state';
import { canSeeConversation, canSeeUser, conversationFor } from './visibility';
import { parseTypes, matchesTypes } from './conversation-types';

export const usersInfo: MethodSpec = {
  tokens: 'bot',
  scopes: ['users:read'],
  handle({ state, params, token }) {
    const id = stringParam(params, 'user');
    if (!id || !canSeeUser(state, token, id)) return fail('user_not_found');
    const user = state.user(id);
    if (!user) return fail('user_not_found');
    // users.info includes locale only on request.
    if (boolParam(params, 'include_locale')) return { ok: true, user };
    const { locale: _locale, ...withoutLocale } = user;
    return { ok: true, user: withoutLocale };
  },
};

export const usersConversations: MethodSpec = {
  tokens: 'bot',
  scopes: ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  handle({ state, params, token }) {
    // Slack requires team_id from an organisation-wide install's token for this method.
    const teamId = stringParam(params, 'team_id');
    if (token.isEnterpriseInstall && !teamId) return fail('missing_argument', { needed: 'team_id' });
    if (teamId && token.isEnterpriseInstall && !teamsOf(token).has(teamId)) return fail('team_access_not_granted');
    const userId = stringParam(params, 'user') ?? token.botUserId;
    if (!state.user(userId) && userId !== token.botUserId) return fail('user_not_found');
    const types = parseTypes(stringParam(params, 'types'));
    if (!types) return fail('invalid_types');
    const excludeArchived = boolParam(params, 'exclude_archived');
    const records = [...state.conversations.values()].filter(
      (record) =>
        record.members.has(userId) &&
        canSeeConversation(token, record) &&
        matchesTypes(record, types) &&
        !(excludeArchived && record.conversation.is_archived) &&
        !(teamId && token.isEnterpriseInstall && record.teamId !== teamId),
    );
    const result = paginate(records, (record) => record.conversation.id, 'channel', stringParam(params, 'cursor'), intParam(params, 'limit'));
    if (!result.ok) return fail(result.error);
    return {
      ok: true,
      channels: result.page.items.map((record) => conversationFor(token, record, { numMembers: false })),
      response_metadata: { next_cursor: result.page.nextCursor },
    };
  },
};
