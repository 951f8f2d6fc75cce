// GET /api/v1/activities and GET /api/v1/activities/:id.
import { Router } from 'express';
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import * as activities from '../../queries/activities';
import type { Store } from '../../store/store';
import { errorResponse } from '../schemas/error';
import { activityFilterFrom, checkTypeFilter } from '../filters';
import { defineOperation, mount } from '../operation';
import { presentActivity } from '../presenters/activity';
import { activityIdParams, activityResponse, listActivitiesQuery, listActivitiesResponse } from '../schemas/activity';

export { memberIdFor } from '../filters';

export const listActivities = defineOperation({
  operationId: 'listActivities',
  method: 'get',
  path: '/activities',
  tag: 'Activities',
  summary: 'List activities',
  description: 'Newest first, filtered, cursor-paged: pass `next_cursor` back as `cursor` for the next page.',
  auth: ['activities:read'],
  query: listActivitiesQuery,
  responses: { 200: { description: 'A page of activities', schema: listActivitiesResponse } },
});

export const getActivity = defineOperation({
  operationId: 'getActivity',
  method: 'get',
  path: '/activities/{id}',
  tag: 'Activities',
  summary: 'Get one activity',
  auth: ['activities:read'],
  params: activityIdParams,
  responses: {
    200: { description: 'The activity, metadata at its current version', schema: activityResponse },
    404: { description: 'No such activity in this workspace', schema: errorResponse },
  },
});

export function activitiesRouter(deps: { store: Store; registry: ActivityRegistry }): Router {
  const router = Router();

  mount(
    router,
    listActivities,
    async ({ query, principal }) => {
      const filter = await activityFilterFrom(deps.store, principal.workspaceId, query, deps.registry);
      const page = await activities.listActivities(deps.store, filter, { limit: query.limit, cursor: query.cursor ?? null });
      return { status: 200, body: { activities: page.items.map(presentActivity), next_cursor: page.nextCursor } };
    },
    { checkQuery: checkTypeFilter(deps.registry) },
  );

  mount(router, getActivity, async ({ params, principal }) => {
    const activity = await activities.getActivity(deps.store, principal.workspaceId, params.id);
    if (!activity) throw new AppError(ErrorCode.NotFound, `no activity ${params.id} in this workspace`);
    return { status: 200, body: presentActivity(activity) };
  });

  return router;
}
