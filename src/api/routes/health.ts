// /healthz: the process is up. /readyz: and the database answers, reads and writes (503 while
// it does not, or while shutting down). The reason given is generic: anyone can call /readyz,
// and the driver's words (hosts, database names) are for the log, written when readiness changes.
import { Router } from 'express';
import type { Logger } from '../../logger';
import { STORE_RETRY_AFTER_SECONDS, storeUnavailable } from '../../store/errors';
import type { Store } from '../../store/store';

/** Longest /readyz waits for the database before it answers 503. */
export const READY_TIMEOUT_MS = 2_000;

export function healthRouter(deps: { store: Store; isShuttingDown: () => boolean; logger: Logger; readyTimeoutMs?: number }): Router {
  const router = Router();
  const timeoutMs = deps.readyTimeoutMs ?? READY_TIMEOUT_MS;
  let unready = false;
  // One check at a time: callers meanwhile share its answer, so a flood of probes during an
  // outage does not queue a flood of queries.
  let running: Promise<string | undefined> | undefined;

  const check = async (): Promise<string | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the database within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([deps.store.ping(), timeout]);
      return undefined;
    } catch (error) {
      return storeUnavailable(error).detail;
    } finally {
      clearTimeout(timer);
    }
  };

  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ ok: false, reason: 'shutting down' });
      return;
    }
    running ??= check().finally(() => (running = undefined));
    const problem = await running;
    if (problem && !unready) deps.logger.warn({ detail: problem, database: deps.store.kind }, `not ready: database unavailable (${problem})`);
    else if (problem) deps.logger.debug({ detail: problem }, 'still not ready: database unavailable');
    else if (unready) deps.logger.info({ database: deps.store.kind }, 'ready again: the database answers');
    unready = Boolean(problem);
    if (problem) {
      res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      res.status(503).json({ ok: false, reason: 'database unavailable' });
      return;
    }
    res.json({ ok: true, database: deps.store.kind });
  });
  return router;
}
