// Small, total readers for untrusted Slack JSON: they never throw, whatever the input.
import { cutText } from '../../../storable';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, else undefined (Slack's Java samples blank every string to ""). */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Whether a field is really there: not missing, not null, not "". */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

// Bounded: Slack's ids are about a dozen characters, and ours are keys (a row id, a source
// key) that a database index holds; thousands of characters would fail every delivery.
const USER_ID = /^[UW][A-Z0-9]{1,39}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,39}$/;
const TEAM_ID = /^[TE][A-Z0-9]{1,39}$/;

/** A Slack user id (U… or W… on Enterprise Grid). Bot ids (B…) are not user ids. */
export function userId(value: unknown): string | undefined {
  return typeof value === 'string' && USER_ID.test(value) ? value : undefined;
}

export function channelId(value: unknown): string | undefined {
  return typeof value === 'string' && CHANNEL_ID.test(value) ? value : undefined;
}

export function teamId(value: unknown): string | undefined {
  return typeof value === 'string' && TEAM_ID.test(value) ? value : undefined;
}

/** Slackbot speaks as a user ("USLACKBOT"): reminders, tombstones, auto-responses. Never a member. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

/** Direct messages are never collected: im, mpim, the app's own home, or a D… channel. */
export function isDirectMessage(channelType: unknown, channel: unknown): boolean {
  if (channelType === 'im' || channelType === 'mpim' || channelType === 'app_home') return true;
  return typeof channel === 'string' && channel.startsWith('D');
}

/** channel_type as the draft carries it: only the two kinds we collect, else unknown. */
export function draftChannelType(channelType: unknown): 'channel' | 'group' | null {
  return channelType === 'channel' || channelType === 'group' ? channelType : null;
}

/** A short description of a value's type for reasons ("null", "array", "number" ...). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Longest piece of a payload a reason quotes. */
const SHOWN_MAX = 60;

/**
 * A value as a reason quotes it: its JSON, cut to a few dozen characters (never through a
 * surrogate pair), "missing" when absent. A reason is stored with the dead letter, so it must
 * stay short whatever the payload holds. Never throws.
 */
export function shown(value: unknown, max = SHOWN_MAX): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return `a ${kindOf(value)} too deep to show`;
  }
  return json === undefined ? 'missing' : clipped(json, max);
}

/** Text a reason quotes, cut like `shown`. */
export function clipped(text: string, max = SHOWN_MAX): string {
  return text.length <= max ? text : `${cutText(text, max)}…`;
}
