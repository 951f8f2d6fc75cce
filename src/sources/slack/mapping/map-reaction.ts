// reaction_added / reaction_removed: a member reacting to a message. Reactions to files and
// file comments (retired by Slack, still in old payloads) are not collected.
import { channelId, draftChannelType, isDirectMessage, isRecord, kindOf, shown, SLACKBOT_USER_ID, text, userId } from './fields';
import { deliveryTeamId, guarded, ignore, unmappable } from './outcomes';
import { isSlackTs, slackInstant } from './slack-time';
import type { DeliveryContext, SlackActivityDraft, SlackMapping } from './types';

export type ReactionChange = 'added' | 'removed';

/**
 * Idempotency key of one reaction change. The event_ts is part of it, so adding, removing and
 * adding the same emoji again are three activities, while a retried delivery is one.
 */
export function reactionSourceKey(
  channel: string,
  itemTs: string,
  user: string,
  reaction: string,
  change: ReactionChange,
  eventTs: string,
): string {
  return `react:${channel}:${itemTs}:${user}:${reaction}:${change}:${eventTs}`;
}

function mapReaction(event: unknown, ctx: DeliveryContext): SlackMapping {
  if (!isRecord(event)) return unmappable(`reaction event is ${kindOf(event)}, not an object`);
  const change: ReactionChange | undefined =
    event.type === 'reaction_added' ? 'added' : event.type === 'reaction_removed' ? 'removed' : undefined;
  if (!change) return unmappable(`not a reaction event (type ${shown(event.type)})`);
  const item = event.item;
  if (!isRecord(item)) return unmappable(`${event.type} without an item object (${kindOf(item)})`);
  if (item.type === 'file' || item.type === 'file_comment') return ignore(`reaction to a ${item.type} (only messages are collected)`);
  if (item.type !== 'message') return unmappable(`reaction to an unknown item type ${shown(item.type)}`);
  if (isDirectMessage(item.channel_type, item.channel)) return ignore('reaction in a direct message (never collected)');

  const user = userId(event.user);
  if (!user) return unmappable(`${event.type} without a valid user (${shown(event.user)})`);
  if (ctx.botUserId && user === ctx.botUserId) return ignore("our own bot's reaction");
  if (user === SLACKBOT_USER_ID) return ignore('Slackbot reaction');
  const channel = channelId(item.channel);
  if (!channel) return unmappable(`${event.type} without a valid item.channel (${shown(item.channel)})`);
  const itemTs = item.ts;
  if (!isSlackTs(itemTs)) return unmappable(`${event.type} without a valid item.ts (${shown(itemTs)})`);
  const reaction = text(event.reaction);
  if (!reaction) return unmappable(`${event.type} without a reaction name`);
  const eventTs = event.event_ts;
  if (!isSlackTs(eventTs)) return unmappable(`${event.type} without a valid event_ts (${shown(eventTs)})`);
  const when = slackInstant(eventTs);
  if (!when) return unmappable(`${event.type} event_ts out of range (${eventTs})`);
  const team = deliveryTeamId(ctx);
  if (!team) return unmappable(`delivery without a valid team id (${shown(ctx?.teamId)})`);

  const draft: SlackActivityDraft = {
    type: `slack_reaction.${change}`,
    occurredAt: when.at,
    occurredAtMicros: when.micros,
    initiatorUserId: user,
    // Absent for messages not written by a member (incoming webhooks ...).
    recipientUserId: userId(event.item_user) ?? null,
    channelId: channel,
    // Current Slack payloads may say it in item.channel_type; older ones do not (the caller finds out).
    channelType: draftChannelType(item.channel_type),
    metadata: {
      team_id: team,
      channel_id: channel,
      item_ts: itemTs,
      item_type: 'message',
      emoji: reaction,
    },
    sourceKey: reactionSourceKey(channel, itemTs, user, reaction, change, eventTs),
  };
  return { kind: 'activity', draft };
}

/** Maps one reaction_added / reaction_removed event. Never throws. */
export function mapReactionEvent(event: unknown, ctx: DeliveryContext): SlackMapping {
  return guarded('reaction event', () => mapReaction(event, ctx ?? ({} as DeliveryContext)));
}
