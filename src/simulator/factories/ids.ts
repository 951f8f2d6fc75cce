// Slack-style identifiers. Random rather than sequential so payloads from separate tests (or
// separate simulators in one process) never collide on an idempotency key by accident.
import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MIXED_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomChars(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function randomDigits(length: number): string {
  return randomChars('0123456789', length);
}

/** A Slack object ID: prefix plus 10 upper-case letters/digits (e.g. U0123ABCDE). */
export function slackId(prefix: string, length = 10): string {
  return `${prefix}${randomChars(UPPER_ALNUM, length)}`;
}

/** A user ID (U…). */
export const userId = (): string => slackId('U');
/** A public channel ID (C…). */
export const channelId = (): string => slackId('C');
/** A legacy private channel ID (G…). */
export const groupId = (): string => slackId('G');
/** A direct-message channel ID (D…). */
export const dmId = (): string => slackId('D');
/** A workspace ID (T…). */
export const teamId = (): string => slackId('T');
/** An Enterprise Grid org ID (E…). */
export const enterpriseId = (): string => slackId('E');
/** A bot ID (B…). */
export const botId = (): string => slackId('B');
/** An app ID (A…). */
export const appId = (): string => slackId('A');
/** A file ID (F…). */
export const fileId = (): string => slackId('F');
/** A view ID (V…). */
export const viewId = (): string => slackId('V');
/** An Events API event ID (Ev…). */
export const eventId = (): string => slackId('Ev');

/** A trigger_id like Slack's `398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c`. */
export function triggerId(): string {
  return `${randomDigits(12)}.${randomDigits(11)}.${randomBytes(16).toString('hex')}`;
}

/** A block_id as Slack generates for user messages (short, mixed case). */
export function blockId(): string {
  return randomChars(MIXED_ALNUM, 5);
}

/** A client_msg_id / envelope_id (UUID v4, as Slack sends). */
export function uuid(): string {
  return randomUUID();
}

/** The random tail of a response_url (`…/<12 digits>/<24 chars>`). */
export function responseUrlPath(team: string, kind: 'commands' | 'actions'): string {
  return `/${kind}/${team}/${randomDigits(12)}/${randomChars(MIXED_ALNUM, 24)}`;
}
