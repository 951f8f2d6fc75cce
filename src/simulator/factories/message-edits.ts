// Hidden message events that change an existing message: edits (and link unfurls, which Slack
// also reports as message_changed), deletions, and a thread's root gaining replies.
import { DEFAULT_TEAM_ID } from './defaults';
import { snapshotOf } from './messages';
import { richTextBlocks } from './rich-text';
import { nextTs, slackTs, tsToDate } from './ts';
import type { Attachment, MessageChangedEvent, MessageDeletedEvent, MessageRepliedEvent, MessageSnapshot, UserMessageEvent } from './types';

/** The message being changed: a factory message event or anything with its fields. */
export type OriginalMessage = Pick<UserMessageEvent, 'text' | 'ts' | 'channel' | 'channel_type'> & Partial<UserMessageEvent>;

export interface EditOptions {
  text: string;
  /** Who edited (default: the author). */
  editedBy?: string;
}

function origin(original: OriginalMessage): MessageSnapshot {
  return snapshotOf(original);
}

/** The author edited `original` to `edit.text`: message has the new text and `edited`, previous_message the old one. */
export function messageChanged(original: OriginalMessage, edit: EditOptions, overrides: Partial<MessageChangedEvent> = {}): MessageChangedEvent {
  const ts = overrides.ts ?? nextTs();
  const team = original.team ?? DEFAULT_TEAM_ID;
  const editor = edit.editedBy ?? original.user ?? '';
  const message: MessageSnapshot = {
    ...origin(original),
    text: edit.text,
    blocks: richTextBlocks(edit.text),
    // Slack stamps edits with whole seconds.
    edited: { user: editor, ts: slackTs(tsToDate(ts), 0) },
    source_team: team,
    user_team: team,
  };
  return {
    type: 'message',
    subtype: 'message_changed',
    message,
    previous_message: origin(original),
    channel: original.channel,
    hidden: true,
    ts,
    event_ts: ts,
    channel_type: original.channel_type,
    ...overrides,
  };
}

/** A link preview default: what Slack attaches when it unfurls `url`. */
export function unfurlAttachment(url = 'https://example.com/article', overrides: Partial<Attachment> = {}): Attachment {
  return {
    from_url: url,
    id: 1,
    original_url: url,
    fallback: 'Example: An article',
    text: 'An article about things.',
    title: 'An article',
    title_link: url,
    service_name: 'Example',
    service_icon: 'https://example.com/favicon.ico',
    ...overrides,
  };
}

/** Slack unfurled a link in `original`: only attachments change, text and `edited` do not. */
export function linkUnfurled(original: OriginalMessage, attachments: Attachment[] = [unfurlAttachment()], overrides: Partial<MessageChangedEvent> = {}): MessageChangedEvent {
  const ts = overrides.ts ?? nextTs();
  const team = original.team ?? DEFAULT_TEAM_ID;
  return {
    type: 'message',
    subtype: 'message_changed',
    message: { ...origin(original), attachments, source_team: team, user_team: team },
    previous_message: origin(original),
    channel: original.channel,
    hidden: true,
    ts,
    event_ts: ts,
    channel_type: original.channel_type,
    ...overrides,
  };
}

/** `original` was deleted: deleted_ts is its ts and previous_message its last content. */
export function messageDeleted(original: OriginalMessage, overrides: Partial<MessageDeletedEvent> = {}): MessageDeletedEvent {
  const ts = overrides.ts ?? nextTs();
  return {
    type: 'message',
    subtype: 'message_deleted',
    previous_message: origin(original),
    channel: original.channel,
    hidden: true,
    deleted_ts: original.ts,
    event_ts: ts,
    ts,
    channel_type: original.channel_type,
    ...overrides,
  };
}

/** A thread's root `parent` now has `replies` (subtype message_replied). */
export function messageReplied(parent: OriginalMessage, replies: Array<{ user: string; ts: string }>, overrides: Partial<MessageRepliedEvent> = {}): MessageRepliedEvent {
  const ts = overrides.ts ?? nextTs();
  const users = [...new Set(replies.map((reply) => reply.user))];
  const latest = replies.at(-1)?.ts ?? parent.ts;
  return {
    type: 'message',
    subtype: 'message_replied',
    hidden: true,
    message: {
      ...origin(parent),
      thread_ts: parent.ts,
      reply_count: replies.length,
      reply_users_count: users.length,
      latest_reply: latest,
      reply_users: users,
      replies,
      is_locked: false,
      subscribed: false,
    },
    channel: parent.channel,
    event_ts: ts,
    ts,
    channel_type: parent.channel_type,
    ...overrides,
  };
}
