// team_join: a new member of the workspace; stores their profile and records the join.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { recordSlackMapping, type CollectOutcome } from '../../../sources/slack/record-slack-mapping';
import { mapTeamJoinEvent } from '../../../sources/slack/mapping';
import { rememberProfile } from '../../../sources/slack/workspace-changes';
import type { ListenerDeps } from '../deps';
import { deliveryOf } from './delivery';

export function teamJoinCallback(deps: ListenerDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'team_join'> & AllMiddlewareArgs): Promise<CollectOutcome> => {
    const { delivery, ctx } = deliveryOf(body, context, 'team_join');
    // Only a Slack user id is stored as a member; the mapping keeps anything else as a dead letter.
    await rememberProfile(deps, delivery.teamId, (event as { user?: unknown }).user);
    const outcome = await recordSlackMapping(deps, delivery, mapTeamJoinEvent(event, ctx));
    deps.logger.debug({ eventId: delivery.eventId, outcome }, 'team_join handled');
    return outcome;
  };
}
