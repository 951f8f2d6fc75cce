// Runs in a worker thread: the SQLite group-commit writer. better-sqlite3 is synchronous, so
// an fsync on commit (synchronous=FULL) would stall the whole event loop if it ran on the
// main thread; here it stalls only this thread while the main one keeps serving requests.
// Plain JavaScript so it loads in a worker without a TypeScript loader.
// Protocol: {id, batches: [{sql, params, pluck?}]} in → {id, rows} or {id, error: {message, code}}
// out; with pluck, a row is its first column's value alone (less to copy back across threads).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { timeout: 10_000 });
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${workerData.synchronous}`);
db.pragma('busy_timeout = 10000');
db.pragma('foreign_keys = ON');
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

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    // IMMEDIATE: take the write lock up front, waiting (busy_timeout) for other processes.
    const rows = run.immediate(message.batches);
    parentPort.postMessage({ id: message.id, rows });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: error.message, code: error.code } });
  }
});
