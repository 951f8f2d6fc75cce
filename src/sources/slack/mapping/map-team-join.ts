// team_join: a new member of the workspace. Records workspace.user_joined and hands back the
// member's profile for the caller to store.
import { isRecord, kindOf, present, shown, SLACKBOT_USER_ID, userId } from './fields';
import { deliveryTeamId, guarded, ignore, unmappable } from './outcomes';
import { profileFromSlackUser } from './profile';
import { dateFromEpochSeconds, slackInstant } from './slack-time';
import type { DeliveryContext, SlackActivityDraft, TeamJoinMapping } from './types';

/** Idempotency key of a join: one per member and workspace (a re-delivered team_join is a duplicate). */
export function teamJoinSourceKey(user: string): string {
  return `team_join:${user}`;
}

function mapTeamJoin(event: unknown, ctx: DeliveryContext): TeamJoinMapping {
  if (!isRecord(event)) return unmappable(`team_join event is ${kindOf(event)}, not an object`);
  if (event.type !== undefined && event.type !== 'team_join') return unmappable(`not a team_join event (type ${shown(event.type)})`);
  const user = event.user;
  if (!isRecord(user)) return unmappable(`team_join without a user object (${kindOf(user)})`);
  const id = userId(user.id);
  if (!id) return unmappable(`team_join whose user has no valid id (${shown(user.id)})`);
  if (user.is_bot === true || user.is_workflow_bot === true || id === SLACKBOT_USER_ID) return ignore('a bot user joined');
  if (isRecord(user.profile) && present(user.profile.bot_id)) return ignore('a bot user joined (profile.bot_id)');
  // event_ts to the microsecond when Slack gives it; the envelope's event_time is whole seconds.
  const when = slackInstant(event.event_ts) ?? { at: dateFromEpochSeconds(ctx.eventTime), micros: 0 };
  if (!when.at) return unmappable('team_join without event_ts or event_time');
  const team = deliveryTeamId(ctx);
  if (!team) return unmappable(`delivery without a valid team id (${shown(ctx?.teamId)})`);

  const profile = profileFromSlackUser(user);
  const draft: SlackActivityDraft = {
    type: 'workspace.user_joined',
    occurredAt: when.at,
    occurredAtMicros: when.micros,
    initiatorUserId: id,
    recipientUserId: null,
    channelId: null,
    channelType: null,
    metadata: {
      team_id: team,
      user_id: id,
      ...(profile.displayName ? { display_name: profile.displayName } : {}),
      ...(profile.realName ? { real_name: profile.realName } : {}),
      ...(typeof user.is_restricted === 'boolean' ? { is_restricted: user.is_restricted } : {}),
      ...(typeof user.is_ultra_restricted === 'boolean' ? { is_ultra_restricted: user.is_ultra_restricted } : {}),
      ...(typeof user.is_bot === 'boolean' ? { is_bot: user.is_bot } : {}),
    },
    sourceKey: teamJoinSourceKey(id),
  };
  return { kind: 'activity', draft, userId: id, profile };
}

/** Maps one team_join event. Never throws. */
export function mapTeamJoinEvent(event: unknown, ctx: DeliveryContext): TeamJoinMapping {
  return guarded('team_join event', () => mapTeamJoin(event, ctx ?? ({} as DeliveryContext)));
}
