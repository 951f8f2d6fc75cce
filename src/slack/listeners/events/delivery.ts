// The delivery facts every event listener reads from Bolt's arguments.
import type { Context } from '@slack/bolt';
import type { DeliveryContext } from '../../../sources/slack/mapping/types';
import type { Delivery } from '../../../sources/slack/record-slack-mapping';
import { slackTeamIdOf } from '../../install/payload-source';

interface EnvelopeLike {
  team_id?: string;
  event_id?: string;
  event_time?: number;
  is_ext_shared_channel?: boolean;
  authorizations?: { team_id?: string | null }[];
}

/** Slack's event ids (Ev…); bounded, as they are keys. */
const EVENT_ID = /^Ev[A-Za-z0-9]{1,62}$/;
const teamId = slackTeamIdOf;

/**
 * The workspace an event was delivered for: Bolt's context, else the envelope. Only Slack's
 * team ids count: a payload whose team id is a number, an object or any other text (a NUL,
 * 200,000 characters) is not Slack's, and such a value must not reach the database as a key.
 */
export function teamIdOf(body: unknown, context: Context): string {
  const envelope = body as EnvelopeLike | null;
  const authorizations = Array.isArray(envelope?.authorizations) ? envelope.authorizations : [];
  return teamId(context.teamId) ?? teamId(authorizations[0]?.team_id) ?? teamId(envelope?.team_id) ?? teamId(context.enterpriseId) ?? 'unknown';
}

/** The raw body text the HTTP receiver kept in Bolt's context (slack-requests-router.ts). */
export function rawBodyOf(context: Context): string | undefined {
  const raw = (context as { rawBody?: unknown }).rawBody;
  return typeof raw === 'string' ? raw : undefined;
}

export function deliveryOf(body: unknown, context: Context, kind: string): { delivery: Delivery; ctx: DeliveryContext } {
  const envelope = (body ?? {}) as EnvelopeLike;
  const teamId = teamIdOf(body, context);
  // Envelope fields are used only when they have Slack's types: a payload is never trusted.
  const eventId = typeof envelope.event_id === 'string' && EVENT_ID.test(envelope.event_id) ? envelope.event_id : undefined;
  const eventTime = typeof envelope.event_time === 'number' && Number.isFinite(envelope.event_time) ? envelope.event_time : undefined;
  return {
    delivery: { teamId, body, eventId, kind, rawBody: rawBodyOf(context) },
    ctx: {
      teamId,
      ...(eventId ? { eventId } : {}),
      ...(eventTime ? { eventTime } : {}),
      ...(typeof envelope.is_ext_shared_channel === 'boolean' ? { isExtSharedChannel: envelope.is_ext_shared_channel } : {}),
      ...(context.botUserId ? { botUserId: context.botUserId } : {}),
    },
  };
}
