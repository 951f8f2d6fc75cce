// /healthz: the process is up. /readyz: and the database answers (503 while it does not).
import { Router } from 'express';
import type { Store } from '../../store/store';

export function healthRouter(deps: { store: Store; isShuttingDown: () => boolean }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ ok: false, reason: 'shutting down' });
      return;
    }
    try {
      await deps.store.ping();
      res.json({ ok: true, database: deps.store.kind });
    } catch (error) {
      res.status(503).json({ ok: false, reason: `database unreachable: ${(error as Error).message}` });
    }
  });
  return router;
}
