// chat.postMessage, chat.postEphemeral and chat.getPermalink.
import { nextTs, nowSeconds } from '../factories/ts';
import type { Block } from '../factories/types';
import type { BotToken, ConversationRecord, WorkspaceState } from '../state';
import { validateBlocks } from './block-validation';
import { isRecord, jsonParam, stringParam } from './params';
import { fail, type ApiBody, type MethodSpec } from './types';
import { canSeeConversation, isPublicChannel } from './visibility';

const MAX_MESSAGE_BLOCKS = 50;
const MAX_TEXT = 40_000;

type Target = { ok: true; record: ConversationRecord } | { ok: false; body: ApiBody };

// A user ID as channel means "the DM between the bot and that user", as Slack allows.
function resolveTarget(state: WorkspaceState, token: BotToken, channel: string | undefined): Target {
  if (!channel) return { ok: false, body: fail('channel_not_found') };
  if (/^[UW]/.test(channel) && state.user(channel)) return { ok: true, record: state.imWith(channel, token.teamId) };
  const record = state.conversation(channel);
  if (!record || !canSeeConversation(token, record)) return { ok: false, body: fail('channel_not_found') };
  if (record.conversation.is_archived) return { ok: false, body: fail('is_archived') };
  const member = record.members.has(token.botUserId);
  // Without chat:write.public a bot may only post where it is a member.
  if (!member && !(isPublicChannel(record) && token.scopes?.includes('chat:write.public'))) return { ok: false, body: fail('not_in_channel') };
  return { ok: true, record };
}

type Content = { ok: true; text: string; blocks: Block[] | undefined } | { ok: false; body: ApiBody };

function readContent(params: Record<string, unknown>): Content {
  const text = stringParam(params, 'text') ?? '';
  const rawBlocks = jsonParam(params, 'blocks');
  const attachments = jsonParam(params, 'attachments');
  if (rawBlocks.kind === 'invalid') return { ok: false, body: fail('invalid_blocks_format') };
  if (text === '' && rawBlocks.kind === 'absent' && attachments.kind === 'absent') return { ok: false, body: fail('no_text') };
  if (text.length > MAX_TEXT) return { ok: false, body: fail('msg_too_long') };
  if (rawBlocks.kind === 'absent') return { ok: true, text, blocks: undefined };
  const problems = validateBlocks(rawBlocks.value, '/blocks', MAX_MESSAGE_BLOCKS);
  if (problems.length > 0) return { ok: false, body: fail('invalid_blocks', { response_metadata: { messages: problems } }) };
  const blocks = Array.isArray(rawBlocks.value) ? rawBlocks.value.filter(isRecord).map((b): Block => ({ ...b, type: String(b.type) })) : [];
  return { ok: true, text, blocks };
}

export const chatPostMessage: MethodSpec = {
  tokens: 'bot',
  scopes: ['chat:write'],
  handle({ state, params, token }) {
    const target = resolveTarget(state, token, stringParam(params, 'channel'));
    if (!target.ok) return target.body;
    const content = readContent(params);
    if (!content.ok) return content.body;
    const channel = target.record.conversation.id;
    const ts = nextTs();
    const threadTs = stringParam(params, 'thread_ts');
    state.messages.push({ method: 'chat.postMessage', channel, ts, text: content.text, blocks: content.blocks, threadTs, ephemeralTo: undefined, postedBy: token.botUserId });
    const botUser = state.user(token.botUserId);
    return {
      ok: true,
      channel,
      ts,
      message: {
        user: token.botUserId,
        type: 'message',
        ts,
        bot_id: token.botId,
        app_id: token.appId,
        text: content.text,
        team: token.teamId,
        bot_profile: {
          id: token.botId,
          app_id: token.appId,
          name: botUser?.name ?? 'bot',
          icons: { image_36: botUser?.profile.image_24 ?? '', image_48: botUser?.profile.image_48 ?? '', image_72: botUser?.profile.image_72 ?? '' },
          deleted: false,
          updated: nowSeconds(),
          team_id: token.teamId,
        },
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs, parent_user_id: token.botUserId } : {}),
      },
    };
  },
};

export const chatPostEphemeral: MethodSpec = {
  tokens: 'bot',
  scopes: ['chat:write'],
  handle({ state, params, token }) {
    const userId = stringParam(params, 'user');
    if (!userId || !state.user(userId)) return fail('user_not_found');
    const target = resolveTarget(state, token, stringParam(params, 'channel'));
    if (!target.ok) return target.body;
    if (!target.record.members.has(userId)) return fail('user_not_in_channel');
    const content = readContent(params);
    if (!content.ok) return content.body;
    const ts = nextTs();
    state.messages.push({
      method: 'chat.postEphemeral',
      channel: target.record.conversation.id,
      ts,
      text: content.text,
      blocks: content.blocks,
      threadTs: stringParam(params, 'thread_ts'),
      ephemeralTo: userId,
      postedBy: token.botUserId,
    });
    return { ok: true, message_ts: ts };
  },
};

export const chatGetPermalink: MethodSpec = {
  tokens: 'bot',
  scopes: [],
  handle({ state, params, token }) {
    const channel = stringParam(params, 'channel');
    const record = channel ? state.conversation(channel) : undefined;
    if (!channel || !record || !canSeeConversation(token, record)) return fail('channel_not_found');
    const ts = stringParam(params, 'message_ts');
    if (!ts || !/^\d+\.\d+$/.test(ts)) return fail('message_not_found');
    const domain = state.team(record.teamId)?.domain ?? state.team(token.teamId)?.domain ?? 'slack';
    let permalink = `https://${domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
    const posted = state.messages.find((m) => m.channel === channel && m.ts === ts);
    if (posted?.threadTs && posted.threadTs !== ts) permalink += `?thread_ts=${posted.threadTs}&cid=${channel}`;
    return { ok: true, channel, permalink };
  },
};
