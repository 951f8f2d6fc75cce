// The delivery facts every event listener reads from Bolt's arguments.
import type { Context } from '@slack/bolt';
import type { DeliveryContext } from '../../mapping/types';
import type { Delivery } from '../../../collect/record-slack-mapping';

interface EnvelopeLike {
  team_id?: string;
  event_id?: string;
  event_time?: number;
  is_ext_shared_channel?: boolean;
  authorizations?: { team_id?: string | null }[];
}

/** The workspace an event was delivered for: Bolt's context, else the envelope. */
export function teamIdOf(body: unknown, context: Context): string {
  const envelope = body as EnvelopeLike;
  return context.teamId ?? envelope.authorizations?.[0]?.team_id ?? envelope.team_id ?? context.enterpriseId ?? 'unknown';
}

export function deliveryOf(body: unknown, context: Context, kind: string): { delivery: Delivery; ctx: DeliveryContext } {
  const envelope = body as EnvelopeLike;
  const teamId = teamIdOf(body, context);
  return {
    delivery: { teamId, body, eventId: envelope.event_id, kind },
    ctx: {
      teamId,
      ...(envelope.event_id ? { eventId: envelope.event_id } : {}),
      ...(envelope.event_time ? { eventTime: envelope.event_time } : {}),
      ...(envelope.is_ext_shared_channel !== undefined ? { isExtSharedChannel: envelope.is_ext_shared_channel } : {}),
      ...(context.botUserId ? { botUserId: context.botUserId } : {}),
    },
  };
}
