// Slack message subtypes, by what they mean for collection.
// https://docs.slack.dev/reference/events/message (and the subtype pages under it)

/** A member posting: recorded as slack_message.created or .threaded_reply.created. */
export const MEMBER_SUBTYPES: ReadonlySet<string> = new Set(['file_share', 'me_message', 'thread_broadcast']);

/**
 * Messages Slack writes about something else (joins, topic changes, pins, huddles ...), or
 * updates to a thread parent: not member activity, never recorded. Bot messages are told apart
 * separately (bot_id, bot_profile, subtype bot_message).
 */
export const SYSTEM_SUBTYPES: ReadonlySet<string> = new Set([
  'message_replied',
  'channel_join',
  'channel_leave',
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'channel_archive',
  'channel_unarchive',
  'channel_convert_to_private',
  'channel_convert_to_public',
  'channel_posting_permissions',
  'group_join',
  'group_leave',
  'group_topic',
  'group_purpose',
  'group_name',
  'group_archive',
  'group_unarchive',
  'pinned_item',
  'unpinned_item',
  'bot_add',
  'bot_remove',
  'bot_enable',
  'bot_disable',
  'ekm_access_denied',
  'tombstone',
  'reminder_add',
  'huddle_thread',
  'sh_room_created',
  'assistant_app_thread',
  // Retired by Slack, still possible in old payloads or history imports.
  'file_comment',
  'file_mention',
  'reply_broadcast',
  // Slackbot's custom auto-responses.
  'slackbot_response',
]);
