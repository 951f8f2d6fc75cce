// The words for times that every surface accepts, beside calendar dates: `now`, `today`,
// `yesterday`, and a span back from now (`24h`, `7d`, `2w`). /activity reads them after
// `since:` and `until:`, in the viewer's time zone; the API and the CLI in their `since` and
// `until` parameters, in UTC. A day named as an edge means its whole day: `since today` is
// from its midnight, `until today` up to the next one.
import { addDays, dayOf, startOfDay } from '../browse/time-zone';

/** A span back from now: 24h, 7d, 2w (and hours, days, weeks spelled out). */
export const DURATION = /^(\d{1,4})\s*(h|hr|hrs|hours?|d|days?|w|wk|wks|weeks?)$/i;

/** How long a DURATION's amount and unit last. */
export function durationMs(amount: number, unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('h')) return amount * 3_600_000;
  if (u.startsWith('d')) return amount * 86_400_000;
  return amount * 7 * 86_400_000;
}

/** The relative time words, as documented to people (OpenAPI, help texts). */
export const RELATIVE_TIME_WORDS = '7d, 24h, 2w, today, yesterday, now';

/**
 * The instant a relative time word stands for as the `edge` of a range, or null when `value` is
 * not one (a calendar date is not: each surface reads dates its own documented way).
 */
export function relativeInstant(value: string, edge: 'since' | 'until', at: { now: Date; timeZone: string }): Date | null {
  const v = value.trim().toLowerCase();
  const { now, timeZone } = at;
  if (v === 'now') return now;
  const today = dayOf(now, timeZone);
  if (v === 'today') return startOfDay(edge === 'since' ? today : addDays(today, 1), timeZone);
  if (v === 'yesterday') return startOfDay(edge === 'since' ? addDays(today, -1) : today, timeZone);
  const duration = DURATION.exec(v);
  if (duration) return new Date(now.getTime() - durationMs(Number(duration[1]), duration[2]!));
  return null;
}
