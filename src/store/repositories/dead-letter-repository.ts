// Payloads we could not map, kept whole with the reason. A redelivery of the same payload
// bumps a counter instead of adding a row.
import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../errors';
import type { Db, Prisma } from '../prisma-client';
import { isStorableText, storableOrNull, storableText } from '../../storable';

export interface DeadLetterInput {
  workspaceId?: string | null;
  source: string;
  kind?: string | null;
  /** A stable id of the payload (Slack event_id); defaults to a hash of the raw text. */
  dedupeKey?: string;
  rawPayload: string;
  reason: string;
  errorCode?: string | null;
}

export type DeadLetterRow = Prisma.DeadLetterGetPayload<object>;

/** Longest dedupe key stored as given; a longer one is stored as its hash (a unique index holds a few kB at most). */
const MAX_DEDUPE_KEY = 200;

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * The dedupe key as stored: as given when it is short, storable text, else its hash (the same
 * key always gives the same hash, so redeliveries still count on one row).
 */
function storedDedupeKey(input: DeadLetterInput): string {
  const key = input.dedupeKey;
  if (key === undefined) return sha256(input.rawPayload);
  return key.length <= MAX_DEDUPE_KEY && isStorableText(key) ? key : sha256(key);
}

export class DeadLetterRepository {
  constructor(private readonly db: Db) {}

  /**
   * Keeps the payload; returns the row id. Idempotent on the dedupe key. The last resort for a
   * payload nothing else could store, so it stores whatever the other fields hold: NUL and
   * unpaired surrogates in them become U+FFFD (the payload, JSON text as received, keeps its
   * own escapes), and a long dedupe key is hashed.
   */
  async keep(input: DeadLetterInput): Promise<string> {
    const dedupeKey = storedDedupeKey(input);
    const reason = storableText(input.reason);
    const now = new Date();
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.db.deadLetter.upsert({
          where: { dedupeKey },
          create: {
            dedupeKey,
            workspaceId: storableOrNull(input.workspaceId ?? null),
            source: storableText(input.source),
            kind: storableOrNull(input.kind ?? null),
            payload: storableText(input.rawPayload),
            reason,
            errorCode: storableOrNull(input.errorCode ?? null),
            firstSeenAt: now,
            lastSeenAt: now,
          },
          update: { count: { increment: 1 }, lastSeenAt: now, reason },
        });
        return row.id;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async list(limit = 100): Promise<DeadLetterRow[]> {
    return this.db.deadLetter.findMany({ orderBy: { firstSeenAt: 'desc' }, take: limit });
  }

  async count(): Promise<number> {
    return this.db.deadLetter.count();
  }
}
