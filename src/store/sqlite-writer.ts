// The main-thread side of sqlite-writer-worker.mjs: sends statements to the worker and
// resolves with their rows once the transaction holding them committed. A worker that dies
// fails what it had in flight (the events are answered non-2xx and redelivered by Slack)
// and is replaced on the next write. Failures to reach or lock the database (busy past the
// lock wait, disk errors, a file that cannot be opened) are raised as StoreUnavailableError.
import { Worker } from 'node:worker_threads';
import { classifyStoreError, storeUnavailable } from './errors';
import { LOCK_WAIT_MS } from './prisma-client';

interface Reply {
  id: number;
  rows?: unknown[];
  error?: { message: string; code?: string };
}

interface Waiter {
  resolve: (rows: unknown[]) => void;
  reject: (e: Error) => void;
}

export class SqliteWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Waiter>();
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly path: string,
    private readonly synchronous: 'FULL' | 'NORMAL',
    /** Longest a write waits, queued and for the lock together, before it fails as unavailable. */
    private readonly lockWaitMs = LOCK_WAIT_MS,
  ) {}

  private spawn(): Worker {
    const worker = new Worker(new URL('./sqlite-writer-worker.mjs', import.meta.url), {
      workerData: { path: this.path, synchronous: this.synchronous, lockWaitMs: this.lockWaitMs },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      // Keep the process alive only while a write is in flight (an idle writer must not).
      if (this.pending.size === 0) worker.unref();
      if (reply.error) waiter.reject(classifyStoreError(Object.assign(new Error(reply.error.message), { code: reply.error.code })) as Error);
      else waiter.resolve(reply.rows ?? []);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      // Whatever killed the thread, what it had in flight was not committed: the caller may retry.
      const failure = storeUnavailable(error);
      for (const waiter of this.pending.values()) waiter.reject(failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closing) fail(new Error(`SQLite writer thread exited (code ${code})`));
    });
    return worker;
  }

  /**
   * Runs the statements in one IMMEDIATE transaction; resolves with all returned rows (with
   * `pluck`, each row's first column alone: less to copy back across threads).
   */
  run(batches: { sql: string; params: unknown[]; pluck?: boolean }[]): Promise<unknown[]> {
    return this.send({ deadline: Date.now() + this.lockWaitMs, batches });
  }

  /**
   * Takes the write lock and releases it at once (an empty IMMEDIATE transaction, which writes
   * nothing): resolves when this writer could write now, fails as unavailable when it could
   * not within the lock wait. For readiness checks.
   */
  async probe(): Promise<void> {
    await this.send({ deadline: Date.now() + this.lockWaitMs, batches: [] });
  }

  /** A pragma's value on the writer thread's connection (e.g. `synchronous`: 2 is FULL, 1 NORMAL). */
  async pragma(name: string): Promise<unknown> {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a pragma name: ${name}`);
    const [value] = await this.send({ pragma: name });
    return value;
  }

  private send(message: { deadline: number; batches: unknown[] } | { pragma: string }): Promise<unknown[]> {
    if (this.closing) return Promise.reject(storeUnavailable(new Error('the store is closed')));
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    worker.ref();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }
}

/** better-sqlite3 binds no Date or boolean: store them as Prisma's SQLite adapter does. */
export function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
