// Recognising database failures by kind, whichever provider raised them.
import { AppError, ErrorCode } from '../errors';

/** True when the error is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * Wraps a failure to reach or use the database in a StoreUnavailable AppError, so callers
 * (the Slack listener above all) can answer "try again" instead of losing the event.
 */
export function storeUnavailable(error: unknown): AppError {
  return new AppError(ErrorCode.StoreUnavailable, `database unavailable: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
  });
}
