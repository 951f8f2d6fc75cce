// message events (message.channels / message.groups): member posts, thread replies, edits and
// deletions. Everything else a message event can be (bots, system notices, direct messages)
// is "ignore"; a shape we do not understand is "unmappable" and kept for a human.
import { toExcerpt } from '../../../activities/types/common';
import {
  channelId,
  draftChannelType,
  isDirectMessage,
  isRecord,
  clipped,
  kindOf,
  present,
  shown,
  SLACKBOT_USER_ID,
  teamId,
  text,
  userId,
  type Json,
} from './fields';
import { deliveryTeamId, guarded, ignore, unmappable } from './outcomes';
import { dateFromEpochSeconds, isSlackTs, slackInstant } from './slack-time';
import { MEMBER_SUBTYPES, SYSTEM_SUBTYPES } from './subtypes';
import type { DeliveryContext, SlackActivityDraft, SlackMapping } from './types';

/** Idempotency key of a posted message (top-level or reply); a history import builds the same. */
export function messageSourceKey(channel: string, ts: string): string {
  return `msg:${channel}:${ts}`;
}

export function editSourceKey(channel: string, messageTs: string, editedTs: string): string {
  return `edit:${channel}:${messageTs}:${editedTs}`;
}

export function deleteSourceKey(channel: string, messageTs: string): string {
  return `delete:${channel}:${messageTs}`;
}

/** The prefix every edit of one message is recorded under (editSourceKey without the edit's ts). */
export function editSourceKeyPrefix(channel: string, messageTs: string): string {
  return `edit:${channel}:${messageTs}:`;
}

/** Source-key prefixes of every stored activity holding text of the message (its post and its edits). */
export function scrubPrefixes(channel: string, messageTs: string): string[] {
  return [messageSourceKey(channel, messageTs), editSourceKeyPrefix(channel, messageTs)];
}

/** Why a message (or a message nested in message_changed / message_deleted) is not a member's, or null. */
function botReason(message: Json, ctx: DeliveryContext): string | null {
  if (present(message.bot_id)) return 'bot message (bot_id)';
  if (message.subtype === 'bot_message') return 'bot message (subtype bot_message)';
  if (isRecord(message.bot_profile)) return 'bot message (bot_profile)';
  if (typeof message.user === 'string') {
    if (ctx.botUserId && message.user === ctx.botUserId) return "our own bot's message";
    if (message.user === SLACKBOT_USER_ID) return 'Slackbot message';
  }
  return null;
}

/** A message's subtype: undefined for a plain message ("" counts as none), null when not a string. */
function subtypeOf(message: Json): string | undefined | null {
  const value = message.subtype;
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : null;
}

/** The message text: "" when absent, null when it is there but not a string. */
function messageText(message: Json): string | null {
  const value = message.text;
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : null;
}

function fileIds(message: Json): string[] {
  if (!Array.isArray(message.files)) return [];
  return message.files.flatMap((file) => {
    const id = isRecord(file) ? text(file.id) : undefined;
    return id ? [id] : [];
  });
}

/** Why a channel field cannot be used, for the unmappable reason. */
function channelProblem(value: unknown): string {
  return value === undefined || value === '' ? 'no channel' : `a malformed channel (${kindOf(value)} ${shown(value)})`;
}

function userProblem(value: unknown): string {
  return value === undefined || value === '' ? 'no user' : `a malformed user (${shown(value)})`;
}

/** A member's post: top-level message, thread reply, or reply also sent to the channel. */
function mapPosted(event: Json, subtype: string | undefined, ctx: DeliveryContext): SlackMapping {
  const bot = botReason(event, ctx);
  if (bot) return ignore(bot);
  const channel = channelId(event.channel);
  if (!channel) return unmappable(`message with ${channelProblem(event.channel)}`);
  const user = userId(event.user);
  if (!user) return unmappable(`message with ${userProblem(event.user)}`);
  const ts = event.ts;
  if (!isSlackTs(ts)) return unmappable(`message without a valid ts (${shown(ts)})`);
  // The message's own ts (its id, and its event_ts too): a history import reads the same.
  const posted = slackInstant(ts);
  if (!posted) return unmappable(`message ts out of range (${ts})`);
  const body = messageText(event);
  if (body === null) return unmappable(`message text is a ${kindOf(event.text)}, not a string`);
  const threadTs = event.thread_ts;
  if (present(threadTs) && !isSlackTs(threadTs)) return unmappable(`message with a malformed thread_ts (${shown(threadTs)})`);
  const team = deliveryTeamId(ctx);
  if (!team) return unmappable(`delivery without a valid team id (${shown(ctx?.teamId)})`);

  const authorTeam = teamId(event.user_team) ?? teamId(event.team);
  const files = fileIds(event);
  const shared = {
    ...(subtype === 'file_share' || subtype === 'me_message' ? { subtype } : {}),
    ...(files.length > 0 ? { file_ids: files } : {}),
    ...(authorTeam && authorTeam !== team ? { user_team_id: authorTeam } : {}),
  };
  const base = {
    occurredAt: posted.at,
    occurredAtMicros: posted.micros,
    initiatorUserId: user,
    channelId: channel,
    channelType: draftChannelType(event.channel_type),
    sourceKey: messageSourceKey(channel, ts),
    deletionSourceKey: deleteSourceKey(channel, ts),
  };

  if (isSlackTs(threadTs) && threadTs !== ts) {
    const parentUser = userId(event.parent_user_id);
    const draft: SlackActivityDraft = {
      ...base,
      type: 'slack_message.threaded_reply.created',
      recipientUserId: parentUser && parentUser !== user ? parentUser : null,
      metadata: {
        team_id: team,
        channel_id: channel,
        message_ts: ts,
        thread_ts: threadTs,
        excerpt: toExcerpt(body),
        ...(parentUser ? { parent_user_id: parentUser } : {}),
        is_broadcast: subtype === 'thread_broadcast',
        ...shared,
      },
    };
    return { kind: 'activity', draft };
  }
  const draft: SlackActivityDraft = {
    ...base,
    type: 'slack_message.created',
    recipientUserId: null,
    metadata: { team_id: team, channel_id: channel, message_ts: ts, excerpt: toExcerpt(body), ...shared },
  };
  return { kind: 'activity', draft };
}

/**
 * When a change or deletion happened: the first of `candidates` that is a valid Slack ts (the
 * callers list event_ts first: full precision), else the envelope's event_time (whole seconds).
 */
function changeTime(candidates: unknown[], ctx: DeliveryContext): { ts: string; at: Date; micros: number } | null {
  for (const candidate of candidates) {
    const instant = slackInstant(candidate);
    if (instant) return { ts: candidate as string, ...instant };
  }
  const at = dateFromEpochSeconds(ctx.eventTime);
  if (at && ctx.eventTime !== undefined && ctx.eventTime > 0) return { ts: `${Math.floor(ctx.eventTime)}.000000`, at, micros: 0 };
  return null;
}

/** The deletion outcome shared by message_deleted and a thread parent turned into a tombstone. */
function deletion(
  channel: string,
  messageTs: string,
  author: string | undefined,
  threadTs: unknown,
  event: Json,
  ctx: DeliveryContext,
): SlackMapping {
  const when = changeTime([event.event_ts, event.ts], ctx);
  if (!when) return unmappable('message deletion without a valid event_ts, ts or event_time');
  const team = deliveryTeamId(ctx);
  if (!team) return unmappable(`delivery without a valid team id (${shown(ctx?.teamId)})`);
  const draft: SlackActivityDraft = {
    type: 'slack_message.deleted',
    occurredAt: when.at,
    occurredAtMicros: when.micros,
    initiatorUserId: author ?? null,
    recipientUserId: null,
    channelId: channel,
    channelType: draftChannelType(event.channel_type),
    metadata: {
      team_id: team,
      channel_id: channel,
      message_ts: messageTs,
      ...(isSlackTs(threadTs) && threadTs !== messageTs ? { thread_ts: threadTs } : {}),
      deleted_ts: when.ts,
    },
    sourceKey: deleteSourceKey(channel, messageTs),
  };
  return {
    kind: 'deletion',
    draft,
    channelId: channel,
    messageTs,
    scrubSourceKeyPrefixes: scrubPrefixes(channel, messageTs),
    needsAuthorLookup: !author,
  };
}

/** The author of a message Slack handed back in previous_message (never Slackbot). */
function authorOf(message: Json | undefined): string | undefined {
  const user = message ? userId(message.user) : undefined;
  return user === SLACKBOT_USER_ID ? undefined : user;
}

function mapDeleted(event: Json, channel: string, ctx: DeliveryContext): SlackMapping {
  const previous = isRecord(event.previous_message) ? event.previous_message : undefined;
  const deletedTs = isSlackTs(event.deleted_ts) ? event.deleted_ts : previous && isSlackTs(previous.ts) ? previous.ts : undefined;
  if (!deletedTs) return unmappable(`message_deleted without a valid deleted_ts (${shown(event.deleted_ts)})`);
  if (previous) {
    const previousSubtype = subtypeOf(previous);
    if (previousSubtype === 'tombstone') {
      // The thread parent was already replaced by "This message was deleted." (see mapChanged);
      // its author is gone from the payload. Scrub again (harmless) and let the caller find them.
      return deletion(channel, deletedTs, undefined, previous.thread_ts, event, ctx);
    }
    const bot = botReason(previous, ctx);
    if (bot) return ignore(`deletion of a ${bot}`);
    if (previousSubtype === null) return unmappable('message_deleted whose previous_message has a non-string subtype');
    if (previousSubtype && SYSTEM_SUBTYPES.has(previousSubtype)) return ignore(`deletion of a system message (${clipped(previousSubtype)})`);
    if (previousSubtype && !MEMBER_SUBTYPES.has(previousSubtype)) {
      return unmappable(`deletion of a message with an unknown subtype (${clipped(previousSubtype)})`);
    }
  }
  return deletion(channel, deletedTs, authorOf(previous), previous?.thread_ts, event, ctx);
}

function mapChanged(event: Json, channel: string, ctx: DeliveryContext): SlackMapping {
  const message = event.message;
  if (!isRecord(message)) return unmappable(`message_changed without a message object (${kindOf(message)})`);
  const previous = isRecord(event.previous_message) ? event.previous_message : undefined;
  const messageTs = message.ts;
  if (!isSlackTs(messageTs)) return unmappable(`message_changed whose message has no valid ts (${shown(messageTs)})`);

  const subtype = subtypeOf(message);
  if (subtype === null) return unmappable('message_changed whose message has a non-string subtype');
  if (subtype === 'tombstone') {
    // A thread parent deleted while it has replies: Slack keeps a Slackbot "This message was
    // deleted." in its place instead of sending message_deleted. It is a deletion.
    if (previous && subtypeOf(previous) === 'tombstone') return ignore('update of an already deleted thread parent (tombstone)');
    if (previous && botReason(previous, ctx)) return ignore(`deletion of a ${botReason(previous, ctx)}`);
    return deletion(channel, messageTs, authorOf(previous), message.thread_ts, event, ctx);
  }
  const bot = botReason(message, ctx) ?? (previous ? botReason(previous, ctx) : null);
  if (bot) return ignore(`edit of a ${bot}`);
  if (subtype && SYSTEM_SUBTYPES.has(subtype)) return ignore(`edit of a system message (${clipped(subtype)})`);
  if (subtype && !MEMBER_SUBTYPES.has(subtype)) return unmappable(`edit of a message with an unknown subtype (${clipped(subtype)})`);

  const newText = messageText(message);
  if (newText === null) return unmappable(`message_changed whose text is a ${kindOf(message.text)}`);
  const edited = isRecord(message.edited) ? message.edited : undefined;
  const oldText = previous ? messageText(previous) : undefined;
  if (previous) {
    if (oldText === newText) return ignore('message_changed without a text change (link unfurl, attachment or reply update)');
  } else if (!edited) {
    return ignore('message_changed without an edit mark (link unfurl or attachment update)');
  }

  const user = userId(message.user) ?? userId(edited?.user);
  if (!user) return unmappable(`message_changed whose message has ${userProblem(message.user)}`);
  // The edit's identity (edited_ts, the source key) stays Slack's edited.ts, as a history import
  // would read it; its time is the event's own, to the microsecond (edited.ts is whole seconds).
  const editedTs = [edited?.ts, event.event_ts, event.ts].find(isSlackTs);
  if (!editedTs) return unmappable('message_changed without a valid edited.ts, event_ts or ts');
  const when = slackInstant(event.event_ts) ?? slackInstant(event.ts) ?? slackInstant(editedTs);
  if (!when) return unmappable(`edit time out of range (${editedTs})`);
  const team = deliveryTeamId(ctx);
  if (!team) return unmappable(`delivery without a valid team id (${shown(ctx?.teamId)})`);
  const threadTs = message.thread_ts;

  const draft: SlackActivityDraft = {
    type: 'slack_message.edited',
    occurredAt: when.at,
    occurredAtMicros: when.micros,
    initiatorUserId: user,
    recipientUserId: null,
    channelId: channel,
    channelType: draftChannelType(event.channel_type),
    metadata: {
      team_id: team,
      channel_id: channel,
      message_ts: messageTs,
      ...(isSlackTs(threadTs) && threadTs !== messageTs ? { thread_ts: threadTs } : {}),
      edited_ts: editedTs,
      excerpt: toExcerpt(newText),
      ...(typeof oldText === 'string' ? { previous_excerpt: toExcerpt(oldText) } : {}),
    },
    sourceKey: editSourceKey(channel, messageTs, editedTs),
    deletionSourceKey: deleteSourceKey(channel, messageTs),
  };
  return { kind: 'activity', draft };
}

function mapMessage(event: unknown, ctx: DeliveryContext): SlackMapping {
  if (!isRecord(event)) return unmappable(`message event is ${kindOf(event)}, not an object`);
  if (event.type !== undefined && event.type !== 'message') {
    return unmappable(`not a message event (type ${shown(event.type)})`);
  }
  const subtype = subtypeOf(event);
  if (subtype === null) return unmappable(`message subtype is a ${kindOf(event.subtype)}, not a string`);
  if (isDirectMessage(event.channel_type, event.channel)) return ignore('direct message (never collected)');

  if (subtype === undefined || MEMBER_SUBTYPES.has(subtype)) return mapPosted(event, subtype, ctx);
  if (subtype === 'bot_message') return ignore('bot message (subtype bot_message)');
  if (subtype === 'message_changed' || subtype === 'message_deleted') {
    const channel = channelId(event.channel);
    if (!channel) return unmappable(`${subtype} with ${channelProblem(event.channel)}`);
    return subtype === 'message_changed' ? mapChanged(event, channel, ctx) : mapDeleted(event, channel, ctx);
  }
  if (SYSTEM_SUBTYPES.has(subtype)) return ignore(`system message (${clipped(subtype)})`);
  // A subtype we have never heard of: not dropped, kept for a human to look at.
  if (botReason(event, ctx)) return ignore(`${botReason(event, ctx)}, unknown subtype ${clipped(subtype)}`);
  return unmappable(`unknown message subtype "${clipped(subtype)}"`);
}

/** Maps one Slack `message` event (the inner event of an Events API delivery). Never throws. */
export function mapMessageEvent(event: unknown, ctx: DeliveryContext): SlackMapping {
  return guarded('message event', () => mapMessage(event, ctx ?? ({} as DeliveryContext)));
}
