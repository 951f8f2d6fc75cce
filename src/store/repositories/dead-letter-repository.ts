// Payloads we could not map, kept whole with the reason. A redelivery of the same payload
// bumps a counter instead of adding a row.
import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../errors';
import type { Db, Prisma } from '../prisma-client';

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

export class DeadLetterRepository {
  constructor(private readonly db: Db) {}

  /** Keeps the payload; returns the row id. Idempotent on the dedupe key. */
  async keep(input: DeadLetterInput): Promise<string> {
    const dedupeKey = input.dedupeKey ?? `sha256:${createHash('sha256').update(input.rawPayload).digest('hex')}`;
    const now = new Date();
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.db.deadLetter.upsert({
          where: { dedupeKey },
          create: {
            dedupeKey,
            workspaceId: input.workspaceId ?? null,
            source: input.source,
            kind: input.kind ?? null,
            payload: input.rawPayload,
            reason: input.reason,
            errorCode: input.errorCode ?? null,
            firstSeenAt: now,
            lastSeenAt: now,
          },
          update: { count: { increment: 1 }, lastSeenAt: now, reason: input.reason },
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
