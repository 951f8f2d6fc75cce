// Message events with a subtype that add content or record a channel change.
import { DEFAULT_BOT_ID, DEFAULT_CHANNEL_ID, DEFAULT_TEAM_DOMAIN, DEFAULT_TEAM_ID, DEFAULT_USER_ID, DEFAULT_USER_NAME } from './defaults';
import { fileId, uuid } from './ids';
import { snapshotOf, type ThreadParent } from './messages';
import { richTextBlocks } from './rich-text';
import { nextTs, nowSeconds } from './ts';
import type {
  BotMessageEvent,
  ChannelJoinEvent,
  ChannelNameEvent,
  ChannelTopicEvent,
  FileShareMessageEvent,
  MeMessageEvent,
  MessageSnapshot,
  SlackFile,
  ThreadBroadcastEvent,
} from './types';

/** A file object as it appears in a file_share message. */
export function slackFile(overrides: Partial<SlackFile> = {}): SlackFile {
  const id = overrides.id ?? fileId();
  const name = overrides.name ?? 'report.pdf';
  const created = nowSeconds();
  const base = `https://files.slack.com/files-pri/${DEFAULT_TEAM_ID}-${id}`;
  return {
    id,
    created,
    timestamp: created,
    name,
    title: name,
    mimetype: 'application/pdf',
    filetype: 'pdf',
    pretty_type: 'PDF',
    user: DEFAULT_USER_ID,
    user_team: DEFAULT_TEAM_ID,
    editable: false,
    size: 48213,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: true,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${base}/${name}`,
    url_private_download: `${base}/download/${name}`,
    permalink: `https://${DEFAULT_TEAM_DOMAIN}.slack.com/files/${DEFAULT_USER_ID}/${id}/${name}`,
    permalink_public: `https://slack-files.com/${DEFAULT_TEAM_ID}-${id}-0123456789`,
    has_rich_preview: false,
    file_access: 'visible',
    ...overrides,
  };
}

/** A message sharing one or more files (subtype file_share). */
export function fileShareMessage(overrides: Partial<FileShareMessageEvent> = {}): FileShareMessageEvent {
  const text = overrides.text ?? '';
  const ts = overrides.ts ?? nextTs();
  const user = overrides.user ?? DEFAULT_USER_ID;
  return {
    type: 'message',
    subtype: 'file_share',
    text,
    files: [slackFile({ user })],
    upload: false,
    user,
    display_as_bot: false,
    ts,
    blocks: richTextBlocks(text),
    client_msg_id: uuid(),
    team: DEFAULT_TEAM_ID,
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** A /me message (subtype me_message). */
export function meMessage(overrides: Partial<MeMessageEvent> = {}): MeMessageEvent {
  const ts = overrides.ts ?? nextTs();
  return {
    type: 'message',
    subtype: 'me_message',
    user: DEFAULT_USER_ID,
    text: 'is doing that thing',
    ts,
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** A thread reply also sent to the channel (subtype thread_broadcast), with the thread's root. */
export function threadBroadcast(parent: ThreadParent & { text?: string }, overrides: Partial<ThreadBroadcastEvent> = {}): ThreadBroadcastEvent {
  const text = overrides.text ?? 'Also sending this to the channel';
  const ts = overrides.ts ?? nextTs();
  const parentUser = parent.user ?? DEFAULT_USER_ID;
  const root: MessageSnapshot = {
    ...snapshotOf({ text: parent.text ?? 'Thread root', ts: parent.ts, user: parentUser, team: DEFAULT_TEAM_ID }),
    thread_ts: parent.ts,
    reply_count: 1,
    reply_users_count: 1,
    latest_reply: ts,
    reply_users: [overrides.user ?? DEFAULT_USER_ID],
    subscribed: false,
  };
  return {
    type: 'message',
    subtype: 'thread_broadcast',
    text,
    user: DEFAULT_USER_ID,
    ts,
    thread_ts: parent.ts,
    root,
    blocks: richTextBlocks(text),
    client_msg_id: uuid(),
    channel: parent.channel ?? DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: parent.channel_type ?? 'channel',
    ...overrides,
  };
}

/** A message from a legacy integration or incoming webhook (subtype bot_message). */
export function botMessage(overrides: Partial<BotMessageEvent> = {}): BotMessageEvent {
  const ts = overrides.ts ?? nextTs();
  return {
    type: 'message',
    subtype: 'bot_message',
    text: 'Pushing is the answer',
    ts,
    bot_id: DEFAULT_BOT_ID,
    username: 'github',
    icons: {},
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** "<@U…> has joined the channel" (subtype channel_join). */
export function channelJoinMessage(overrides: Partial<ChannelJoinEvent> = {}): ChannelJoinEvent {
  const ts = overrides.ts ?? nextTs();
  const user = overrides.user ?? DEFAULT_USER_ID;
  return {
    type: 'message',
    subtype: 'channel_join',
    ts,
    user,
    text: `<@${user}> has joined the channel`,
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** A topic change (subtype channel_topic). */
export function channelTopicMessage(overrides: Partial<ChannelTopicEvent> = {}): ChannelTopicEvent {
  const ts = overrides.ts ?? nextTs();
  const user = overrides.user ?? DEFAULT_USER_ID;
  const topic = overrides.topic ?? 'hello world';
  return {
    type: 'message',
    subtype: 'channel_topic',
    ts,
    user,
    topic,
    text: `<@${user}|${DEFAULT_USER_NAME}> set the channel topic: ${topic}`,
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}

/** A rename as a channel message (subtype channel_name). */
export function channelNameMessage(overrides: Partial<ChannelNameEvent> = {}): ChannelNameEvent {
  const ts = overrides.ts ?? nextTs();
  const user = overrides.user ?? DEFAULT_USER_ID;
  const oldName = overrides.old_name ?? 'random';
  const name = overrides.name ?? 'watercooler';
  return {
    type: 'message',
    subtype: 'channel_name',
    ts,
    user,
    old_name: oldName,
    name,
    text: `<@${user}|${DEFAULT_USER_NAME}> has renamed the channel from "${oldName}" to "${name}"`,
    channel: DEFAULT_CHANNEL_ID,
    event_ts: ts,
    channel_type: 'channel',
    ...overrides,
  };
}
