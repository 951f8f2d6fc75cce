// message.channels / message.groups: member messages, replies, edits and deletions.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { recordSlackMapping, type CollectOutcome } from '../../../sources/slack/record-slack-mapping';
import { mapMessageEvent } from '../../../sources/slack/mapping';
import type { ListenerDeps } from '../deps';
import { deliveryOf } from './delivery';

export function messageCallback(deps: ListenerDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<CollectOutcome> => {
    const subtype = (event as { subtype?: string }).subtype;
    const { delivery, ctx } = deliveryOf(body, context, subtype ? `message.${subtype}` : 'message');
    const outcome = await recordSlackMapping(
      { ...deps, onLabelsPending: () => deps.labels.poke() },
      delivery,
      mapMessageEvent(event, ctx),
    );
    deps.logger.debug({ eventId: delivery.eventId, kind: delivery.kind, outcome }, 'message event handled');
    return outcome;
  };
}
