// The Idempotency-Key guard over a fake record store: first run, replay, mismatch, waiting
// for a running request, and releasing the key when the request fails on our side.
import type { Request } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { canonicalJson, IdempotencyGuard, requestFingerprint } from '../../../src/api/idempotency';
import { AppError, ErrorCode } from '../../../src/errors';
import type { IdempotencyClaim } from '../../../src/store/repositories/idempotency-repository';

const principal = { workspaceId: 'T1', scopes: [], keyId: 'k' } as const;

function request(key: string | undefined, body: unknown = { a: 1 }): Request {
  return { get: (name: string) => (name.toLowerCase() === 'idempotency-key' ? key : undefined), method: 'POST', baseUrl: '/api/v1', path: '/activities', body } as unknown as Request;
}

/** An in-memory stand-in for IdempotencyRepository. */
function memoryStore() {
  const rows = new Map<string, { hash: string; status: number; response: string; id: string }>();
  let n = 0;
  const idempotency = {
    claim: vi.fn(async (ws: string, key: string, hash: string): Promise<IdempotencyClaim> => {
      const existing = rows.get(`${ws}:${key}`);
      if (!existing) {
        const id = `r${++n}`;
        rows.set(`${ws}:${key}`, { hash, status: 0, response: '', id });
        return { state: 'claimed', id };
      }
      if (existing.hash !== hash) return { state: 'mismatch' };
      if (existing.status === 0) return { state: 'in_progress' };
      return { state: 'completed', status: existing.status, response: existing.response };
    }),
    complete: vi.fn(async (id: string, status: number, response: string) => {
      for (const row of rows.values()) if (row.id === id) Object.assign(row, { status, response });
    }),
    release: vi.fn(async (id: string) => {
      for (const [k, row] of rows) if (row.id === id) rows.delete(k);
    }),
    prune: vi.fn(async () => 0),
  };
  return { idempotency, rows };
}

describe('request fingerprints', () => {
  it('ignore key order but not values, paths or methods', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(requestFingerprint('POST', '/x', { a: 1, b: 2 })).toBe(requestFingerprint('post', '/x', { b: 2, a: 1 }));
    expect(requestFingerprint('POST', '/x', { a: 1 })).not.toBe(requestFingerprint('POST', '/x', { a: 2 }));
    expect(requestFingerprint('POST', '/x', { a: 1 })).not.toBe(requestFingerprint('POST', '/y', { a: 1 }));
  });
});

describe('IdempotencyGuard', () => {
  it('runs requests without a key every time', async () => {
    const store = memoryStore();
    const produce = vi.fn(async () => ({ status: 201, body: { n: 1 } }));
    const guard = new IdempotencyGuard(store);
    await guard.run(request(undefined), principal, produce);
    await guard.run(request(undefined), principal, produce);
    expect(produce).toHaveBeenCalledTimes(2);
    expect(store.idempotency.claim).not.toHaveBeenCalled();
  });

  it('replays the first answer to the same key and body, marked as replayed', async () => {
    const guard = new IdempotencyGuard(memoryStore());
    const produce = vi.fn(async () => ({ status: 201, body: { id: 'act_1' } }));
    expect(await guard.run(request('k1'), principal, produce)).toEqual({ status: 201, body: { id: 'act_1' }, headers: { 'Idempotent-Replayed': 'false' } });
    expect(await guard.run(request('k1'), principal, produce)).toEqual({ status: 201, body: { id: 'act_1' }, headers: { 'Idempotent-Replayed': 'true' } });
    expect(produce).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key with a different body (409)', async () => {
    const guard = new IdempotencyGuard(memoryStore());
    await guard.run(request('k1', { a: 1 }), principal, async () => ({ status: 201, body: {} }));
    await expect(guard.run(request('k1', { a: 2 }), principal, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });

  it('remembers client errors as answers too', async () => {
    const guard = new IdempotencyGuard(memoryStore());
    const produce = vi.fn(async () => {
      throw new AppError(ErrorCode.ActivityInvalidMetadata, 'bad', { issues: [{ path: 'metadata.x', message: 'required' }] });
    });
    const first = await guard.run(request('k1'), principal, produce);
    expect(first.status).toBe(422);
    const again = await guard.run(request('k1'), principal, produce);
    expect(again).toMatchObject({ status: 422, body: first.body, headers: { 'Idempotent-Replayed': 'true' } });
    expect(produce).toHaveBeenCalledTimes(1);
  });

  it('releases the key when the request fails on our side, so a retry runs', async () => {
    const store = memoryStore();
    const guard = new IdempotencyGuard(store);
    await expect(guard.run(request('k1'), principal, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(store.idempotency.release).toHaveBeenCalled();
    expect((await guard.run(request('k1'), principal, async () => ({ status: 201, body: {} }))).headers).toEqual({ 'Idempotent-Replayed': 'false' });
  });

  it('makes a concurrent retry wait for the first request and replay its answer', async () => {
    const guard = new IdempotencyGuard(memoryStore(), { pollMs: 5 });
    let finish!: () => void;
    const first = guard.run(request('k1'), principal, () => new Promise((resolve) => (finish = () => resolve({ status: 201, body: { id: 'a' } }))));
    const second = guard.run(request('k1'), principal, async () => ({ status: 201, body: { id: 'b' } }));
    await new Promise((r) => setTimeout(r, 30));
    finish();
    expect((await first).body).toEqual({ id: 'a' });
    expect(await second).toMatchObject({ body: { id: 'a' }, headers: { 'Idempotent-Replayed': 'true' } });
  });

  it('gives up waiting with a 409 when the first request takes too long', async () => {
    const guard = new IdempotencyGuard(memoryStore(), { pollMs: 5, waitMs: 30 });
    void guard.run(request('k1'), principal, () => new Promise(() => undefined));
    await new Promise((r) => setTimeout(r, 5));
    await expect(guard.run(request('k1'), principal, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({
      code: ErrorCode.Conflict,
      message: expect.stringContaining('still being processed'),
    });
  });

  it('refuses malformed keys', async () => {
    const guard = new IdempotencyGuard(memoryStore());
    await expect(guard.run(request('has space'), principal, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ code: ErrorCode.InvalidRequest });
    await expect(guard.run(request('x'.repeat(256)), principal, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ code: ErrorCode.InvalidRequest });
  });
});
