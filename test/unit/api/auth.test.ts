import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { anyOf, apiKeyAuthenticator, envTokenAuthenticator, requireScopes } from '../../../src/api/auth';
import type { ApiScope } from '../../../src/api/principal';
import { AppError, ErrorCode } from '../../../src/errors';
import { hashApiKey, looksLikeApiKey } from '../../../src/store/repositories/api-key-repository';

function runScopes(held: ApiScope[], needed: ApiScope[]): unknown {
  let passed: unknown = 'not called';
  const next = ((error?: unknown) => {
    passed = error;
  }) as NextFunction;
  requireScopes(needed)({} as Request, { locals: { principal: { workspaceId: 'T1', scopes: held, keyId: 'k' } } } as unknown as Response, next);
  return passed;
}

describe('scopes', () => {
  it('let a key with every needed scope through', () => {
    expect(runScopes(['activities:read', 'export'], ['export'])).toBeUndefined();
  });

  it('refuse with a 403 naming each missing scope', () => {
    const error = runScopes(['activities:read'], ['activities:write', 'export']) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(ErrorCode.Forbidden);
    expect(error.message).toBe('this API key lacks the "activities:write", "export" scopes');
    expect(error.issues).toEqual([
      { path: 'scopes', message: 'missing scope activities:write' },
      { path: 'scopes', message: 'missing scope export' },
    ]);
  });
});

describe('API key authenticator', () => {
  const row = { id: 'key1', workspaceId: 'T1', scopes: 'activities:read,bogus,export', lastUsedAt: null };

  it('turns an active key into a principal with its known scopes and workspace', async () => {
    const apiKeys = { findActiveBySecret: vi.fn(async () => row), markUsed: vi.fn(async () => undefined) };
    const principal = await apiKeyAuthenticator({ apiKeys } as never)('ak_0123456789abcdef');
    expect(principal).toEqual({ workspaceId: 'T1', scopes: ['activities:read', 'export'], keyId: 'key1' });
    expect(apiKeys.markUsed).toHaveBeenCalled();
  });

  it('does not query for tokens that are not keys, and answers null for unknown ones', async () => {
    const apiKeys = { findActiveBySecret: vi.fn(async () => null), markUsed: vi.fn() };
    const authenticate = apiKeyAuthenticator({ apiKeys } as never);
    expect(await authenticate('some-env-token-value')).toBeNull();
    expect(apiKeys.findActiveBySecret).not.toHaveBeenCalled();
    expect(await authenticate('ak_0123456789abcdef')).toBeNull();
  });

  it('does not fail a request when recording last use fails', async () => {
    const apiKeys = { findActiveBySecret: vi.fn(async () => row), markUsed: vi.fn(async () => Promise.reject(new Error('db down'))) };
    await expect(apiKeyAuthenticator({ apiKeys } as never)('ak_0123456789abcdef')).resolves.not.toBeNull();
  });

  it('keeps API_TOKEN working next to keys', async () => {
    const apiKeys = { findActiveBySecret: vi.fn(async () => null), markUsed: vi.fn() };
    const authenticate = anyOf(envTokenAuthenticator('env-token-0123456789', () => 'T1'), apiKeyAuthenticator({ apiKeys } as never));
    expect(await authenticate('env-token-0123456789')).toMatchObject({ workspaceId: 'T1', keyId: 'env', scopes: expect.arrayContaining(['export']) });
    expect(await authenticate('env-token-wrong')).toBeNull();
  });

  it('stores keys as sha256 hex and recognises their shape', () => {
    expect(hashApiKey('ak_x')).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeApiKey('ak_0123456789')).toBe(true);
    expect(looksLikeApiKey('ak_short')).toBe(false);
    expect(looksLikeApiKey('xoxb-fake_0123')).toBe(false);
  });
});
