// Bearer-token authentication and scope checks for /api/v1.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode } from '../errors';
import { looksLikeApiKey, parseScopes } from '../store/repositories/api-key-repository';
import type { Store } from '../store/store';
import { API_SCOPES, type ApiScope, type Authenticate, type Principal } from './principal';

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison time says nothing about the secret.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** API_TOKEN from the environment: an all-scopes key for the single configured workspace. */
export function envTokenAuthenticator(apiToken: string | undefined, workspaceId: () => string | undefined): Authenticate {
  return async (token) => {
    const ws = workspaceId();
    if (!apiToken || !ws || !sameSecret(token, apiToken)) return null;
    return { workspaceId: ws, scopes: API_SCOPES, keyId: 'env' };
  };
}

/** Tries each authenticator in turn. */
export function anyOf(...authenticators: Authenticate[]): Authenticate {
  return async (token) => {
    for (const authenticate of authenticators) {
      const principal = await authenticate(token);
      if (principal) return principal;
    }
    return null;
  };
}

export function requireAuth(authenticate: Authenticate) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      next(new AppError(ErrorCode.Unauthorized, 'missing bearer token: send "Authorization: Bearer <API token>"'));
      return;
    }
    try {
      const principal = await authenticate(match[1]!);
      if (!principal) {
        next(new AppError(ErrorCode.Unauthorized, 'invalid or revoked API token'));
        return;
      }
      res.locals.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** 403 naming the missing scope. */
export function requireScope(scope: ApiScope) {
  return requireScopes([scope]);
}

/** 403 naming every scope the key lacks. */
export function requireScopes(scopes: readonly ApiScope[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const held = principalOf(res).scopes;
    const missing = scopes.filter((scope) => !held.includes(scope));
    if (missing.length === 0) {
      next();
      return;
    }
    const names = missing.map((scope) => `"${scope}"`).join(', ');
    next(
      new AppError(ErrorCode.Forbidden, `this API key lacks the ${names} scope${missing.length > 1 ? 's' : ''}`, {
        issues: missing.map((scope) => ({ path: 'scopes', message: `missing scope ${scope}` })),
      }),
    );
  };
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/**
 * API keys managed with `npm run cli -- keys ...`: the bearer token is looked up by its
 * hash; a revoked key, or anything that is not a key, is not a principal.
 */
export function apiKeyAuthenticator(store: Pick<Store, 'apiKeys'>): Authenticate {
  return async (token) => {
    if (!looksLikeApiKey(token)) return null;
    const key = await store.apiKeys.findActiveBySecret(token);
    if (!key) return null;
    // A hint for `keys list`; never worth failing or delaying a request for.
    void store.apiKeys.markUsed(key).catch(() => undefined);
    return { workspaceId: key.workspaceId, scopes: parseScopes(key.scopes).filter(isApiScope), keyId: key.id };
  };
}
