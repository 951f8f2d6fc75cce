// Idempotency-Key: a client that retries a write with the same key and body gets the first
// response again (with `Idempotent-Replayed: true`) instead of a second write; the same key
// with a different body is a 409. Keys are per workspace and remembered for 24 hours.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { AppError, ErrorCode } from '../errors';
import type { IdempotencyRepository } from '../store/repositories/idempotency-repository';
import { errorBody, statusOf } from './error-handler';
import type { Reply } from './operation';
import type { Principal } from './principal';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so the same body sent with its keys in another order matches. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest('hex');
}

export interface IdempotencyOptions {
  /** How long a retry waits for the first request with its key to finish (default 10 s). */
  waitMs?: number;
  pollMs?: number;
  /** How often stale records are pruned (default hourly). */
  pruneEveryMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class IdempotencyGuard {
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly pruneEveryMs: number;
  private lastPrune = 0;

  constructor(
    private readonly store: { idempotency: Pick<IdempotencyRepository, 'claim' | 'complete' | 'release' | 'prune'> },
    options: IdempotencyOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 10_000;
    this.pollMs = options.pollMs ?? 100;
    this.pruneEveryMs = options.pruneEveryMs ?? 60 * 60 * 1000;
  }

  /**
   * Runs `produce` at most once per (workspace, Idempotency-Key). Client errors (4xx) are
   * answers too and are replayed; a server error releases the key so a retry runs again.
   */
  async run(req: Request, principal: Principal, produce: () => Promise<Reply>): Promise<Reply> {
    const key = req.get(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined) return produce();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError(ErrorCode.InvalidRequest, `${IDEMPOTENCY_KEY_HEADER} must be 1-255 visible ASCII characters`, {
        issues: [{ path: `headers.${IDEMPOTENCY_KEY_HEADER.toLowerCase()}`, message: 'expected 1-255 visible ASCII characters' }],
      });
    }
    this.maybePrune();
    const fingerprint = requestFingerprint(req.method, req.baseUrl + req.path, req.body);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const claim = await this.store.idempotency.claim(principal.workspaceId, key, fingerprint);
      switch (claim.state) {
        case 'claimed':
          return this.produceOnce(claim.id, produce);
        case 'completed':
          return { status: claim.status, body: JSON.parse(claim.response) as unknown, headers: { [REPLAYED_HEADER]: 'true' } };
        case 'mismatch':
          throw new AppError(ErrorCode.Conflict, `${IDEMPOTENCY_KEY_HEADER} "${key}" was already used for a different request`, {
            issues: [{ path: `headers.${IDEMPOTENCY_KEY_HEADER.toLowerCase()}`, message: 'already used with another body or endpoint; use a new key' }],
          });
        case 'in_progress':
          if (Date.now() >= deadline) {
            throw new AppError(ErrorCode.Conflict, `a request with ${IDEMPOTENCY_KEY_HEADER} "${key}" is still being processed; retry later`, {
              issues: [{ path: `headers.${IDEMPOTENCY_KEY_HEADER.toLowerCase()}`, message: 'in progress' }],
            });
          }
          await sleep(this.pollMs);
      }
    }
  }

  private async produceOnce(claimId: string, produce: () => Promise<Reply>): Promise<Reply> {
    let reply: Reply;
    try {
      reply = await produce();
    } catch (error) {
      if (!(error instanceof AppError) || statusOf(error) >= 500) {
        await this.store.idempotency.release(claimId).catch(() => undefined);
        throw error;
      }
      reply = { status: statusOf(error), body: errorBody(error) };
    }
    // The write happened: answer it even if remembering the answer fails (a retry then waits
    // out the claim rather than writing twice).
    await this.store.idempotency.complete(claimId, reply.status, JSON.stringify(reply.body)).catch(() => undefined);
    return { ...reply, headers: { ...reply.headers, [REPLAYED_HEADER]: 'false' } };
  }

  private maybePrune(): void {
    const now = Date.now();
    if (now - this.lastPrune < this.pruneEveryMs) return;
    this.lastPrune = now;
    void this.store.idempotency.prune().catch(() => undefined);
  }
}
