// /api/v1: bearer-authenticated JSON API.
import express, { Router } from 'express';
import type { ActivityRegistry } from '../activities/registry';
import type { Store } from '../store/store';
import { requireAuth } from './auth';
import type { Authenticate } from './principal';
import { activitiesRouter } from './routes/activities';

export function apiRouter(deps: { store: Store; registry: ActivityRegistry; authenticate: Authenticate }): Router {
  const router = Router();
  router.use(express.json({ limit: '5mb' }));
  router.use(requireAuth(deps.authenticate));
  router.use(activitiesRouter(deps));
  return router;
}
