// Bearer-token authentication and scope checks for /api/v1.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode } from '../errors';
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
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (principalOf(res).scopes.includes(scope)) next();
    else next(new AppError(ErrorCode.Forbidden, `this API key lacks the "${scope}" scope`));
  };
}
