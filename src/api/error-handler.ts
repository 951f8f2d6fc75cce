// Maps errors to HTTP at the edge: coded errors get their status and reasons; anything else
// is a 500 with no internals leaked (and a log line with the details).
import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode } from '../errors';
import type { Logger } from '../logger';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.InvalidRequest]: 400,
  [ErrorCode.InvalidCursor]: 400,
  [ErrorCode.ActivityUnknownType]: 400,
  [ErrorCode.ActivityUnknownVersion]: 400,
  [ErrorCode.ActivityInvalidMetadata]: 422,
  [ErrorCode.ActivityRecipientNotAllowed]: 422,
  [ErrorCode.ActivityRecipientRequired]: 422,
  [ErrorCode.ActivityNotIngestible]: 400,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.StoreUnavailable]: 503,
};

export function statusOf(error: AppError): number {
  return STATUS[error.code] ?? 500;
}

export function errorBody(error: AppError): { error: { code: string; message: string; issues: { path: string; message: string }[] } } {
  return { error: { code: error.code, message: error.message, issues: error.issues } };
}

export function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof AppError) {
      const status = statusOf(error);
      if (status >= 500) logger.error({ err: error }, 'request failed');
      if (status === 401) res.set('WWW-Authenticate', 'Bearer');
      res.status(status).json(errorBody(error));
      return;
    }
    const bodyError = error as { type?: string; status?: number; message?: string };
    if (bodyError?.type === 'entity.parse.failed' || bodyError?.type === 'entity.too.large') {
      res.status(bodyError.status ?? 400).json({
        error: { code: ErrorCode.InvalidRequest, message: `request body: ${bodyError.message}`, issues: [{ path: 'body', message: bodyError.message ?? '' }] },
      });
      return;
    }
    logger.error({ err: error }, 'unexpected error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error', issues: [] } });
  };
}
