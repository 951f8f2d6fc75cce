// Which failures mean "the database is unavailable, try again" (store_unavailable, 503) and
// which are the request's own problem, for both drivers, however Prisma wraps them.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors';
import { classifyStoreError, isStoreUnavailable, StoreUnavailableError } from '../../../src/store/errors';

const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
const prisma = (code: string, message: string, driverAdapterError?: unknown) =>
  Object.assign(new Error(`\nInvalid \`db.activity.count()\` invocation in\n/srv/app/src/x.ts:3:9\n\n${message}`), { name: 'PrismaClientKnownRequestError', code, meta: driverAdapterError ? { driverAdapterError } : undefined });
const adapter = (cause: Record<string, unknown>) => Object.assign(new Error(String(cause.kind)), { name: 'DriverAdapterError', cause });

describe('isStoreUnavailable', () => {
  it.each([
    ['pg: ECONNREFUSED', errno('ECONNREFUSED')],
    ['pg: ECONNRESET', errno('ECONNRESET')],
    ['pg: ETIMEDOUT', errno('ETIMEDOUT')],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg-pool: connection timeout', Object.assign(new Error('Connection terminated due to connection timeout'), { cause: new Error('Connection terminated unexpectedly') })],
    ['pg: 57P01 admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' })],
    ['pg: 57P03 cannot connect now', Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' })],
    ['pg: 08006 connection failure', Object.assign(new Error('connection failure'), { code: '08006', severity: 'FATAL' })],
    ['Prisma P1001 (DatabaseNotReachable)', prisma('P1001', "Can't reach database server at db:5432", adapter({ kind: 'DatabaseNotReachable', host: 'db', port: 5432 }))],
    ['Prisma P1017 (ConnectionClosed)', prisma('P1017', 'Server has closed the connection.', adapter({ kind: 'ConnectionClosed' }))],
    ['Prisma P2010 raw query, 57P01 inside', prisma('P2010', 'Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`', adapter({ kind: 'postgres', code: '57P01', originalCode: '57P01' }))],
    ['Prisma P2024 pool timeout', prisma('P2024', 'Timed out fetching a new connection from the connection pool.')],
    ['Prisma P1008 (SQLITE_BUSY through the adapter)', prisma('P1008', 'Operation has timed out', adapter({ kind: 'SocketTimeout', originalCode: 'SQLITE_BUSY' }))],
    ['Prisma P2028 expired transaction', prisma('P2028', 'Transaction API error: Transaction already closed: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms')],
    ['better-sqlite3: SQLITE_BUSY', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
    ['better-sqlite3: SQLITE_BUSY_SNAPSHOT', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' })],
    ['better-sqlite3: SQLITE_CANTOPEN', Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' })],
    ['better-sqlite3: SQLITE_IOERR_FSYNC', Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_FSYNC' })],
    ['better-sqlite3: SQLITE_FULL', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })],
    ['the SQLite writer thread died', new Error('SQLite writer thread exited (code 1)')],
  ])('%s: unavailable', (_name, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['Prisma P2002 unique violation', prisma('P2002', 'Unique constraint failed on the fields: (`sourceKey`)')],
    ['Prisma P2003 foreign key', prisma('P2003', 'Foreign key constraint violated')],
    ['pg: 23505 unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', severity: 'ERROR' })],
    ['pg: 28P01 wrong password (configuration, not an outage)', Object.assign(new Error('password authentication failed for user "app"'), { code: '28P01', severity: 'FATAL' })],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error', 'database'],
  ])('%s: not unavailable', (_name, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

describe('StoreUnavailableError', () => {
  it('says nothing about the database to the client; the detail (for the log) is the driver\'s last line, without Prisma\'s source excerpt', () => {
    const cause = prisma('P1001', "Can't reach database server at db-host:5432", adapter({ kind: 'DatabaseNotReachable', host: 'db-host', port: 5432 }));
    const error = classifyStoreError(cause) as StoreUnavailableError;
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).not.toMatch(/db-host|5432|P1001|invocation/);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.detail).toBe("P1001 Can't reach database server at db-host:5432 <- DatabaseNotReachable");
    expect(error.cause).toBe(cause);
    expect(classifyStoreError(error)).toBe(error);
  });

  it('other errors pass through unchanged', () => {
    const unique = prisma('P2002', 'Unique constraint failed');
    expect(classifyStoreError(unique)).toBe(unique);
  });
});
