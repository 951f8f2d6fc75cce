// Time-ordered ids (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32), so
// ids sort roughly by creation and make a stable tie-breaker for keyset pagination.
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

function encodeRandom(): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[pool[offset + i]! % 32];
  offset += 16;
  return out;
}

/** A new id with a short prefix naming the kind of thing, e.g. newId('act'). */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${encodeRandom()}`;
}

/** The id of a Slack member row: derived, so every replica computes the same one. */
export function slackMemberId(workspaceId: string, slackUserId: string): string {
  return `m_${workspaceId}_${slackUserId}`;
}

/** The id of a channel row: derived from the workspace and Slack channel id. */
export function channelRowId(workspaceId: string, slackChannelId: string): string {
  return `c_${workspaceId}_${slackChannelId}`;
}
