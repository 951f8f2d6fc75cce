// Member and app messages without a subtype: a top-level message, a thread reply, and a
// message an app posted (which Slack delivers without subtype but with bot_id).
import { DEFAULT_APP_ID, DEFAULT_BOT_ID, DEFAULT_BOT_USER_ID, DEFAULT_CHANNEL_ID, DEFAULT_TEAM_ID, DEFAULT_USER_ID } from './defaults';
import { uuid } from './ids';
import { richTextBlocks } from './rich-text';
import { nextTs, nowSeconds } from './ts';
import type { AppPostedMessageEvent, ChannelType, MessageSnapshot, UserMessageEvent } from './types';

/** The parent a reply belongs to: any message with a ts (and, ideally, its author and channel). */
export interface ThreadParent {
  ts: string;
  user?: string;
  channel?: string;
  channel_type?: ChannelType;
}

/** A member's top-level message; `text` also drives the rich_text block unless `blocks` is given. */
export function messageEvent(overrides: Partial<UserMessageEvent> = {}): UserMessageEvent {
  const text = overrides.text ?? 'Hello world';
  const ts = overrides.ts ?? nextTs();
  return {
    user: DEFAULT_USER_ID,
    type: 'message',
    ts,
    client_msg_id: uuid(),
    text,
    team: DEFAULT_TEAM_ID,
    blocks: richTextBlocks(text),
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** A reply in `parent`'s thread: thread_ts is the parent's ts (≠ its own ts), parent_user_id its author. */
export function threadReply(parent: ThreadParent, overrides: Partial<UserMessageEvent> = {}): UserMessageEvent {
  return messageEvent({
    channel: parent.channel ?? DEFAULT_CHANNEL_ID,
    channel_type: parent.channel_type ?? 'channel',
    thread_ts: parent.ts,
    parent_user_id: parent.user ?? DEFAULT_USER_ID,
    ...overrides,
  });
}

/** A message an app posted with chat.postMessage, as other apps receive it. */
export function appPostedMessage(overrides: Partial<AppPostedMessageEvent> = {}): AppPostedMessageEvent {
  const text = overrides.text ?? 'Posted by an app';
  const ts = overrides.ts ?? nextTs();
  const botId = overrides.bot_id ?? DEFAULT_BOT_ID;
  const appId = overrides.app_id ?? DEFAULT_APP_ID;
  const team = overrides.team ?? DEFAULT_TEAM_ID;
  return {
    user: DEFAULT_BOT_USER_ID,
    type: 'message',
    ts,
    bot_id: botId,
    app_id: appId,
    text,
    team,
    bot_profile: {
      id: botId,
      deleted: false,
      name: 'activity',
      updated: nowSeconds(),
      app_id: appId,
      icons: {
        image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png',
        image_48: 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png',
        image_72: 'https://a.slack-edge.com/80588/img/plugins/app/service_72.png',
      },
      team_id: team,
    },
    blocks: richTextBlocks(text),
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** The message as Slack nests it inside message_changed / message_deleted / thread_broadcast. */
export function snapshotOf(message: Omit<MessageSnapshot, 'type'> & { type?: 'message' }): MessageSnapshot {
  const snapshot: MessageSnapshot = { type: 'message', text: message.text, ts: message.ts };
  if (message.subtype !== undefined) snapshot.subtype = message.subtype;
  if (message.client_msg_id !== undefined) snapshot.client_msg_id = message.client_msg_id;
  if (message.user !== undefined) snapshot.user = message.user;
  if (message.bot_id !== undefined) snapshot.bot_id = message.bot_id;
  if (message.team !== undefined) snapshot.team = message.team;
  if (message.blocks !== undefined) snapshot.blocks = message.blocks;
  if (message.attachments !== undefined) snapshot.attachments = message.attachments;
  if (message.files !== undefined) snapshot.files = message.files;
  if (message.edited !== undefined) snapshot.edited = message.edited;
  if (message.thread_ts !== undefined) snapshot.thread_ts = message.thread_ts;
  if (message.parent_user_id !== undefined) snapshot.parent_user_id = message.parent_user_id;
  return snapshot;
}
