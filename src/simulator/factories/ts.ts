// Slack message timestamps ("ts"): seconds, a dot, six digits. A ts doubles as a message's ID
// within a channel, so generated ones must be unique and increasing.

/** Formats `date` as a Slack ts; the six digits after the dot are `seq` (default: the date's microseconds). */
export function slackTs(date: Date = new Date(), seq?: number): string {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  const fraction = seq ?? (ms % 1000) * 1000;
  if (!Number.isInteger(fraction) || fraction < 0 || fraction > 999_999) throw new RangeError(`ts sequence out of range: ${fraction}`);
  return `${seconds}.${String(fraction).padStart(6, '0')}`;
}

/** Parses a Slack ts into a Date (millisecond precision). */
export function tsToDate(ts: string): Date {
  const [seconds = '', fraction = '0'] = ts.split('.');
  return new Date(Number(seconds) * 1000 + Math.floor(Number(fraction.padEnd(6, '0')) / 1000));
}

// Process-wide on purpose: two factories called in the same microsecond must still get
// distinct ts values, just as Slack never gives two messages in a channel the same ts.
let lastMicros = 0;

/** A fresh, strictly increasing ts near the current time. */
export function nextTs(): string {
  const micros = Math.max(Date.now() * 1000, lastMicros + 1);
  lastMicros = micros;
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Current time in whole seconds (event_time, created …). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
