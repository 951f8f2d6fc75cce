// Every operation of /api/v1, in the order the OpenAPI document lists them.
import type { OperationSpec } from './operation';
import { getActivity, listActivities } from './routes/activities';
import { getActivityType, listActivityTypes } from './routes/activity-types';
import { exportActivities } from './routes/export';
import { createActivity, createActivityBatch } from './routes/ingest';
import { getMember, listMembers } from './routes/members';
import { getOpenApiDocument } from './routes/openapi';
import { getStats } from './routes/stats';

export const API_OPERATIONS: readonly OperationSpec[] = [
  listActivities,
  getActivity,
  createActivity,
  createActivityBatch,
  exportActivities,
  getStats,
  listMembers,
  getMember,
  listActivityTypes,
  getActivityType,
  getOpenApiDocument,
];
