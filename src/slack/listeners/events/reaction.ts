// reaction_added / reaction_removed on messages.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { recordSlackMapping, type CollectOutcome } from '../../../sources/slack/record-slack-mapping';
import { mapReactionEvent } from '../../../sources/slack/mapping';
import type { ListenerDeps } from '../deps';
import { deliveryOf } from './delivery';

export function reactionCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & AllMiddlewareArgs): Promise<CollectOutcome> => {
    const { delivery, ctx } = deliveryOf(body, context, event.type);
    const outcome = await recordSlackMapping(
      { ...deps, onLabelsPending: () => deps.labels.poke() },
      delivery,
      mapReactionEvent(event, ctx),
    );
    deps.logger.debug({ eventId: delivery.eventId, kind: delivery.kind, outcome }, 'reaction event handled');
    return outcome;
  };
}
