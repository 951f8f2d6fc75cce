// The Events API envelope around an inner event, as Slack POSTs it to the Request URL.
import { DEFAULT_APP_ID, DEFAULT_BOT_USER_ID, DEFAULT_TEAM_ID, DEFAULT_VERIFICATION_TOKEN } from './defaults';
import { eventId } from './ids';
import { nowSeconds } from './ts';
import type { Authorization, EventCallback, UrlVerification } from './types';

/** One entry of `authorizations`: who the event is delivered for (default: the bot of the default team). */
export function authorization(overrides: Partial<Authorization> = {}): Authorization {
  return { enterprise_id: null, team_id: DEFAULT_TEAM_ID, user_id: DEFAULT_BOT_USER_ID, is_bot: true, is_enterprise_install: false, ...overrides };
}

// Slack's event_context is an opaque "4-<base64url JSON>" naming event type, team, app and channel.
function eventContext(eventType: string, team: string, app: string, channel: string | undefined): string {
  const json = JSON.stringify(channel ? { et: eventType, tid: team, aid: app, cid: channel } : { et: eventType, tid: team, aid: app });
  return `4-${Buffer.from(json).toString('base64url')}`;
}

function channelOf(event: { type: string }): string | undefined {
  if ('channel' in event && typeof event.channel === 'string') return event.channel;
  if ('item' in event && typeof event.item === 'object' && event.item !== null && 'channel' in event.item && typeof event.item.channel === 'string') {
    return event.item.channel;
  }
  return undefined;
}

// event_time is the second the event happened; for events with an event_ts that is its integer part.
function eventTimeOf(event: { type: string }): number {
  if ('event_ts' in event && typeof event.event_ts === 'string') {
    const seconds = Number.parseInt(event.event_ts, 10);
    if (Number.isFinite(seconds)) return seconds;
  }
  return nowSeconds();
}

/** Wraps `event` in an event_callback envelope; `overrides` replace envelope fields (team_id also moves the defaults). */
export function eventCallback<E extends { type: string }>(event: E, overrides: Partial<Omit<EventCallback<E>, 'event'>> = {}): EventCallback<E> {
  const team = overrides.team_id ?? DEFAULT_TEAM_ID;
  const app = overrides.api_app_id ?? DEFAULT_APP_ID;
  const envelope: EventCallback<E> = {
    token: DEFAULT_VERIFICATION_TOKEN,
    team_id: team,
    context_team_id: team,
    context_enterprise_id: null,
    api_app_id: app,
    event,
    type: 'event_callback',
    event_id: eventId(),
    event_time: eventTimeOf(event),
    authorizations: [authorization({ team_id: team })],
    is_ext_shared_channel: false,
    event_context: eventContext(event.type, team, app, channelOf(event)),
  };
  return { ...envelope, ...overrides, event };
}

/** The url_verification challenge Slack sends when a Request URL is saved. */
export function urlVerification(challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', token = DEFAULT_VERIFICATION_TOKEN): UrlVerification {
  return { token, challenge, type: 'url_verification' };
}
