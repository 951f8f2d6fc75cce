// /api/v1: bearer-authenticated JSON API. Every route is an operation of src/api/operations.ts,
// and /openapi.json documents exactly those.
import express, { Router, type ErrorRequestHandler } from 'express';
import type { ActivityRegistry } from '../activities/registry';
import { AppError, ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import { requireAuth } from './auth';
import { IdempotencyGuard } from './idempotency';
import { API_OPERATIONS } from './operations';
import type { Authenticate } from './principal';
import { activitiesRouter } from './routes/activities';
import { activityTypesRouter } from './routes/activity-types';
import { exportRouter } from './routes/export';
import { ingestRouter } from './routes/ingest';
import { membersRouter } from './routes/members';
import { openApiRouter } from './routes/openapi';
import { statsRouter } from './routes/stats';

/** The version the OpenAPI document states. */
export const API_VERSION = '1.0.0';

/** Largest request body: a full batch of 1,000 activities with generous metadata. */
const BODY_LIMIT = '16mb';

export interface ApiRouterDeps {
  store: Store;
  registry: ActivityRegistry;
  authenticate: Authenticate;
  logger?: Logger;
}

/**
 * A path whose percent-encoding does not decode (`/activities/%`, `/members/%FF`): Express
 * raises a URIError while matching the route, which is the client's mistake, not a 500.
 */
const badPathEncoding: ErrorRequestHandler = (error, _req, _res, next) => {
  if (!(error instanceof URIError)) return next(error);
  next(new AppError(ErrorCode.InvalidRequest, 'the path is not valid percent-encoded UTF-8', { issues: [{ path: 'path', message: 'not valid percent-encoded UTF-8' }] }));
};

export function apiRouter(deps: ApiRouterDeps): Router {
  const router = Router();
  router.use(openApiRouter({ operations: API_OPERATIONS, version: API_VERSION }));
  // Authenticate before reading a body: an anonymous caller cannot make us parse 16 MB.
  router.use(requireAuth(deps.authenticate));
  router.use(express.json({ limit: BODY_LIMIT }));
  const idempotency = new IdempotencyGuard(deps.store);
  router.use(activitiesRouter(deps));
  router.use(ingestRouter({ ...deps, idempotency }));
  router.use(exportRouter(deps));
  router.use(statsRouter(deps));
  router.use(membersRouter(deps));
  router.use(activityTypesRouter(deps));
  router.use((req, _res, next) => {
    next(new AppError(ErrorCode.NotFound, `no route ${req.method} ${req.baseUrl}${req.path}: see ${req.baseUrl}/openapi.json`));
  });
  router.use(badPathEncoding);
  return router;
}
