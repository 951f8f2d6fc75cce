// Time-ordered ids (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32), so
// ids sort roughly by creation and make a stable tie-breaker for keyset pagination. Activity
// ids take their time from when the activity happened instead (see activityId).
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

// Random bytes drawn in blocks: one call to the CSPRNG per 256 ids instead of one per id.
let pool = randomBytes(4096);
let offset = pool.length;

function encodeRandom(length = 16): string {
  if (offset + length > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[pool[offset + i]! % 32];
  offset += length;
  return out;
}

/** A new id with a short prefix naming the kind of thing, e.g. newId('act'). */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${encodeRandom()}`;
}

/** Largest time the 10-character time part holds (32^10 - 1 ms, about the year 37000). */
const MAX_TIME = 32 ** 10 - 1;

/**
 * The id of an activity: the ULID layout with the time part taken from when it happened
 * (occurredAt, ms) and the first two characters of the random part from the microseconds past
 * that millisecond (0-999, from a Slack ts; 0 when unknown). Lists are keyset-ordered by
 * (occurredAt, id), so activities within one millisecond come out in the microsecond order
 * Slack gave them, then (same microsecond) in a random but stable order. The time part is
 * occurredAt rather than the creation time, or a late-recorded activity would sort after
 * later ones within its millisecond. Ids are one length and use only digits and uppercase
 * letters, which SQLite (bytes) and PostgreSQL's C and ICU collations order alike
 * (test/integration/store/microsecond-order.int.test.ts).
 */
export function activityId(occurredAt: Date, micros = 0): string {
  const ms = Math.min(MAX_TIME, Math.max(0, Math.floor(occurredAt.getTime()) || 0));
  const us = Math.min(999, Math.max(0, Math.floor(micros) || 0));
  return `act_${encodeTime(ms)}${ALPHABET[Math.floor(us / 32)]}${ALPHABET[us % 32]}${encodeRandom(14)}`;
}

/** The id of a Slack member row: derived, so every replica computes the same one. */
export function slackMemberId(workspaceId: string, slackUserId: string): string {
  return `m_${workspaceId}_${slackUserId}`;
}

/** The id of a channel row: derived from the workspace and Slack channel id. */
export function channelRowId(workspaceId: string, slackChannelId: string): string {
  return `c_${workspaceId}_${slackChannelId}`;
}
