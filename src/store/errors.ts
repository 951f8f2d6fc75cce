// Recognising database failures by kind, whichever provider raised them.
import { AppError, ErrorCode } from '../errors';

/** True when the error is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Seconds a client is told to wait (Retry-After) before trying again while the store is unavailable. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot be reached or used right now (refused or lost connections, a server
 * shutting down, a lock held too long by another process, a disk error): nothing was stored,
 * and the same request can succeed later. The message is generic, since it may reach clients;
 * `detail` (the driver's own words) is for the log only.
 */
export class StoreUnavailableError extends AppError {
  readonly retryAfterSeconds = STORE_RETRY_AFTER_SECONDS;
  readonly detail: string;

  constructor(cause: unknown) {
    super(ErrorCode.StoreUnavailable, 'the database is unavailable: nothing was stored; try again shortly', { cause });
    this.detail = describeCause(cause);
    // Logs that print only the stack (Bolt's) still say what the driver said.
    if (this.stack) this.stack = this.stack.replace(this.message, `${this.message} (${this.detail})`);
  }
}

/** Wraps a failure to reach or use the database in a StoreUnavailableError (kept as is if it is one). */
export function storeUnavailable(error: unknown): StoreUnavailableError {
  return error instanceof StoreUnavailableError ? error : new StoreUnavailableError(error);
}

/** `error` as a StoreUnavailableError when it is a connection-level failure, else unchanged. */
export function classifyStoreError(error: unknown): unknown {
  return isStoreUnavailable(error) ? storeUnavailable(error) : error;
}

// pg and Node socket errors (also as @prisma/adapter-pg's DriverAdapterError kinds).
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);
// Prisma: P1001 can't reach the server, P1002 timed out reaching it, P1008 operation timed out
// (SQLITE_BUSY through the SQLite adapter), P1017 server closed the connection, P2024 timed
// out waiting for a pooled connection.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin shutdown, crash
// shutdown, cannot connect now), 53300 (too many connections).
const PG_STATES = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
// SQLite result codes, extended ones included (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_FSYNC …).
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|PROTOCOL)(_|$)/;
const MESSAGES = [
  /Connection terminated/i, // pg: "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
  /terminating connection due to administrator command/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /database is locked/i,
  /disk I\/O error/i,
  /unable to open database file/i,
  /SQLite writer thread exited/i,
  /the store is closed/i,
  // P2028 when a transaction ran out of time waiting (for a lock, a connection): not misuse.
  /expired transaction|Unable to start a transaction in the given time/i,
];

/**
 * True for connection-level failures of either driver, however wrapped (Prisma's errors,
 * the adapters' DriverAdapterError, pg's own): the database, not the request, is the problem.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (typeof e !== 'object' || e === null || depth > 6 || seen.has(e)) return false;
    seen.add(e);
    const o = e as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    for (const code of [o.code, o.originalCode]) {
      if (typeof code !== 'string') continue;
      if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.test(code)) return true;
    }
    if (typeof o.kind === 'string' && ADAPTER_KINDS.has(o.kind)) return true;
    // P2010 (a raw query failed) carries the driver's code only in its message.
    if (typeof o.message === 'string' && (MESSAGES.some((m) => m.test(o.message as string)) || /Code: `(57P0[1-3]|08[0-9A-Z]{3}|53300)`/.test(o.message))) return true;
    return visit(o.cause, depth + 1) || visit(o.meta?.driverAdapterError, depth + 1);
  };
  return visit(error, 0);
}

/** The driver's own account of a failure, on one line, for logs (never for clients). */
function describeCause(cause: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let e: unknown = cause;
  while (typeof e === 'object' && e !== null && !seen.has(e) && parts.length < 4) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    // Prisma prefixes the calling source line ("Invalid `db.x()` invocation in …"): keep the last line.
    const message = typeof o.message === 'string' ? o.message.trim().split('\n').filter(Boolean).at(-1) ?? '' : '';
    parts.push([typeof o.code === 'string' ? o.code : '', message].filter(Boolean).join(' '));
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  if (parts.length === 0) parts.push(String(cause));
  return parts.filter(Boolean).join(' <- ');
}
