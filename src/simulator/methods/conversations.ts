// conversations.info, conversations.list and conversations.members.
import { matchesTypes, parseTypes } from './conversation-types';
import { paginate } from './pagination';
import { boolParam, intParam, stringParam } from './params';
import { fail, type MethodSpec } from './types';
import { canSeeConversation, conversationFor } from './visibility';

const READ_SCOPES = ['channels:read', 'groups:read', 'im:read', 'mpim:read'];

export const conversationsInfo: MethodSpec = {
  tokens: 'bot',
  scopes: READ_SCOPES,
  handle({ state, params, token }) {
    const id = stringParam(params, 'channel');
    const record = id ? state.conversation(id) : undefined;
    if (!record || !canSeeConversation(token, record)) return fail('channel_not_found');
    const channel = conversationFor(token, record, { numMembers: boolParam(params, 'include_num_members') });
    return { ok: true, channel };
  },
};

export const conversationsList: MethodSpec = {
  tokens: 'bot',
  scopes: READ_SCOPES,
  handle({ state, params, token }) {
    const types = parseTypes(stringParam(params, 'types'));
    if (!types) return fail('invalid_types');
    const excludeArchived = boolParam(params, 'exclude_archived');
    const records = [...state.conversations.values()].filter(
      (record) => canSeeConversation(token, record) && matchesTypes(record, types) && !(excludeArchived && record.conversation.is_archived),
    );
    const result = paginate(records, (record) => record.conversation.id, 'channel', stringParam(params, 'cursor'), intParam(params, 'limit'));
    if (!result.ok) return fail(result.error);
    return {
      ok: true,
      // conversations.list always includes num_members for channels.
      channels: result.page.items.map((record) => conversationFor(token, record, { numMembers: true })),
      response_metadata: { next_cursor: result.page.nextCursor },
    };
  },
};

export const conversationsMembers: MethodSpec = {
  tokens: 'bot',
  scopes: READ_SCOPES,
  handle({ state, params, token }) {
    const id = stringParam(params, 'channel');
    const record = id ? state.conversation(id) : undefined;
    if (!record || !canSeeConversation(token, record)) return fail('channel_not_found');
    const result = paginate([...record.members], (member) => member, 'user', stringParam(params, 'cursor'), intParam(params, 'limit'));
    if (!result.ok) return fail(result.error);
    return { ok: true, members: result.page.items, response_metadata: { next_cursor: result.page.nextCursor } };
  },
};
