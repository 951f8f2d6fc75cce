// Runs in a worker thread: the SQLite group-commit writer. better-sqlite3 is synchronous, so
// an fsync on commit (synchronous=FULL) would stall the whole event loop if it ran on the
// main thread; here it stalls only this thread while the main one keeps serving requests.
// Plain JavaScript so it loads in a worker without a TypeScript loader.
// Protocol, in: {id, deadline, batches: [{sql, params, pluck?}]} runs the statements in one
// transaction ({id, deadline, batches: []} only takes and releases the write lock: a probe);
// {id, pragma} reads a pragma; 'close'. Out: {id, rows} or {id, error: {message, code}}. With
// pluck, a row is its first column's value alone (less to copy back across threads).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const lockWaitMs = workerData.lockWaitMs;
const db = new Database(workerData.path, { timeout: lockWaitMs });
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${workerData.synchronous}`);
db.pragma(`busy_timeout = ${lockWaitMs}`);
db.pragma('foreign_keys = ON');
let busyTimeout = lockWaitMs;
/** Prepared statements by SQL text: one cache for plain statements, one for plucking ones. */
const statements = new Map();
const plucking = new Map();

const run = db.transaction((batches) => batches.flatMap(({ sql, params, pluck }) => {
  const cache = pluck ? plucking : statements;
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (pluck) statement.pluck();
    if (cache.size > 100) cache.clear();
    cache.set(sql, statement);
  }
  return statement.all(params);
}));

/**
 * Waits for the write lock only until the message's deadline, counted from when it was sent:
 * messages queued behind a transaction stuck on a lock held by another process then fail
 * together when their time is up, instead of each waiting the full time one after another.
 */
function waitAtMost(ms) {
  const wanted = Math.max(0, Math.min(lockWaitMs, Math.floor(ms)));
  if (Math.abs(wanted - busyTimeout) < 20) return;
  db.pragma(`busy_timeout = ${wanted}`);
  busyTimeout = wanted;
}

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    if (message.pragma) {
      parentPort.postMessage({ id: message.id, rows: [db.pragma(message.pragma, { simple: true })] });
      return;
    }
    const left = message.deadline - Date.now();
    if (left <= 0) {
      const error = new Error(`database is locked: the write waited ${lockWaitMs - left} ms in the writer's queue`);
      error.code = 'SQLITE_BUSY';
      throw error;
    }
    waitAtMost(left);
    // IMMEDIATE: take the write lock up front, waiting (busy_timeout) for other processes.
    const rows = run.immediate(message.batches);
    parentPort.postMessage({ id: message.id, rows });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: error.message, code: error.code } });
  }
});
