// Maps errors to HTTP at the edge: coded errors get their status and reasons; anything else
// is a 500 with no internals leaked (and a log line with the details). A database outage is a
// 503 with Retry-After, however the driver raised it; its details go to the log only.
import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode } from '../errors';
import { BatchRejectedError } from '../sources/api/problems';
import type { Logger } from '../logger';
import { classifyStoreError, StoreUnavailableError } from '../store/errors';
import type { ErrorResponse } from './schemas/error';

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

export function errorBody(error: AppError): ErrorResponse {
  const body: ErrorResponse = { error: { code: error.code, message: error.message, issues: error.issues } };
  if (error instanceof BatchRejectedError) {
    body.error.items = error.items.map((item) => ({ index: item.index, external_id: item.externalId, code: item.code, issues: item.issues }));
  }
  return body;
}

export function errorHandler(logger: Logger) {
  return (thrown: unknown, req: Request, res: Response, _next: NextFunction): void => {
    // Connection-level failures raised outside the store's own wrapping still mean "try again".
    const error = classifyStoreError(thrown);
    if (res.headersSent) {
      // A stream (an export) failed midway: the status is gone, so cut the connection; the
      // client sees an incomplete response instead of a complete-looking truncated one.
      logger.error({ err: error }, 'response failed after it started');
      res.destroy();
      return;
    }
    if (error instanceof StoreUnavailableError) {
      logger.warn({ err: error.cause, detail: error.detail, method: req.method, path: req.path }, `request refused with 503: database unavailable (${error.detail})`);
      res.set('Retry-After', String(error.retryAfterSeconds));
      res.status(statusOf(error)).json(errorBody(error));
      return;
    }
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
