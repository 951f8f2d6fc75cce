// Slack's own timestamps. A message `ts` ("1531420618.000200") is seconds since the epoch with
// a microsecond-ish suffix that doubles as the message id within its channel; `event_time` on
// the envelope is whole seconds. Activities take their time from these, never from arrival.
import { isStorableInstant } from '../../../storable';

/** A Slack ts as Slack writes it: digits, a dot, digits. */
const SLACK_TS = /^(\d{1,12})\.(\d{1,9})$/;
/** Some payloads carry whole seconds as a string ("1531420618"). */
const WHOLE_SECONDS = /^\d{1,12}$/;

/** Whether a value is a well-formed Slack ts ("1531420618.000200"). */
export function isSlackTs(value: unknown): value is string {
  return typeof value === 'string' && SLACK_TS.test(value);
}

/** The Date of epoch milliseconds, or null outside the years the store holds (1 to 9999). */
function validDate(ms: number): Date | null {
  return isStorableInstant(ms) ? new Date(ms) : null;
}

/**
 * The Date of a Slack ts, to the millisecond (the sub-millisecond digits are dropped, never
 * rounded up, so the date is never later than the ts). Also takes whole seconds as a string or
 * a number. Anything else (missing, empty, garbage, out of range) gives null; never throws.
 */
export function dateFromSlackTs(ts: unknown): Date | null {
  if (typeof ts === 'number') return dateFromEpochSeconds(ts);
  if (typeof ts !== 'string') return null;
  const match = SLACK_TS.exec(ts);
  if (match) {
    const seconds = Number(match[1]);
    const millis = Number((match[2] ?? '').padEnd(3, '0').slice(0, 3));
    return validDate(seconds * 1000 + millis);
  }
  if (WHOLE_SECONDS.test(ts)) return validDate(Number(ts) * 1000);
  return null;
}

/**
 * The microseconds past the millisecond of a Slack ts ("1531420618.000250" → 250, the 4th to
 * 6th digits after the dot), which dateFromSlackTs drops; 0 for anything else. Never throws.
 */
export function microsOfSlackTs(ts: unknown): number {
  if (typeof ts !== 'string') return 0;
  const match = SLACK_TS.exec(ts);
  if (!match) return 0;
  return Number((match[2] ?? '').padEnd(6, '0').slice(3, 6));
}

/** A Slack ts as the time of an activity: the Date (ms) and the microseconds past it, or null. */
export function slackInstant(ts: unknown): { at: Date; micros: number } | null {
  if (!isSlackTs(ts)) return null;
  const at = dateFromSlackTs(ts);
  return at ? { at, micros: microsOfSlackTs(ts) } : null;
}

/** The Date of epoch seconds (an envelope's `event_time`), or null for anything that is not a finite, non-negative number. */
export function dateFromEpochSeconds(seconds: unknown): Date | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return null;
  return validDate(Math.floor(seconds * 1000));
}
