// Idempotency-Key records: the first request with a key claims it (a pending row), and its
// response is stored when it completes, so a retry with the same key and body gets the same
// answer. The unique (workspace, key) index makes the claim atomic across replicas.
import { isUniqueViolation } from '../errors';
import type { Db, Prisma } from '../prisma-client';

export type IdempotencyRow = Prisma.IdempotencyRecordGetPayload<object>;

/** `status` of a claimed key whose request has not finished. */
const PENDING = 0;

export type IdempotencyClaim =
  /** This request owns the key: run it, then `complete` or `release`. */
  | { state: 'claimed'; id: string }
  /** A request with this key and body already finished: replay its response. */
  | { state: 'completed'; status: number; response: string }
  /** A request with this key and body is running right now. */
  | { state: 'in_progress' }
  /** The key was used with a different request. */
  | { state: 'mismatch' };

export interface IdempotencyTimings {
  /** How long a completed response is replayed (default 24 h). */
  ttlMs: number;
  /** A claim older than this whose request never finished (the process died) may be taken over (default 5 min). */
  staleClaimMs: number;
}

const DEFAULT_TIMINGS: IdempotencyTimings = { ttlMs: 24 * 60 * 60 * 1000, staleClaimMs: 5 * 60 * 1000 };

export class IdempotencyRepository {
  private readonly timings: IdempotencyTimings;

  constructor(
    private readonly db: Db,
    timings: Partial<IdempotencyTimings> = {},
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  /** Claims `key` for a request whose fingerprint is `requestHash`, or says why it cannot. */
  async claim(workspaceId: string, key: string, requestHash: string, now: Date = new Date()): Promise<IdempotencyClaim> {
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.db.idempotencyRecord.create({
          data: { workspaceId, key, requestHash, status: PENDING, response: '', createdAt: now },
          select: { id: true },
        });
        return { state: 'claimed', id: row.id };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
      const existing = await this.db.idempotencyRecord.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
      if (!existing) continue; // released in between: try to claim again
      const age = now.getTime() - existing.createdAt.getTime();
      const expired = existing.status === PENDING ? age > this.timings.staleClaimMs : age > this.timings.ttlMs;
      if (expired) {
        // Forget it, but only if it is still the row we looked at (another replica may be quicker).
        await this.db.idempotencyRecord.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt, status: existing.status } });
        continue;
      }
      if (existing.requestHash !== requestHash) return { state: 'mismatch' };
      if (existing.status === PENDING) return { state: 'in_progress' };
      return { state: 'completed', status: existing.status, response: existing.response };
    }
  }

  /** Stores the response of a claimed request. */
  async complete(id: string, status: number, response: string): Promise<void> {
    await this.db.idempotencyRecord.updateMany({ where: { id, status: PENDING }, data: { status, response } });
  }

  /** Gives a claim up (the request failed in a way a retry may fix): the key is free again. */
  async release(id: string): Promise<void> {
    await this.db.idempotencyRecord.deleteMany({ where: { id, status: PENDING } });
  }

  /** Deletes records past their replay window; returns how many. */
  async prune(now: Date = new Date()): Promise<number> {
    const result = await this.db.idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - this.timings.ttlMs) } } });
    return result.count;
  }
}
