// GET /api/v1/activity-types: every type, its versions and the JSON Schema of each version's
// metadata, generated from the registry (the same source as VERSIONS.md).
import { Router } from 'express';
import type { ActivityTypeDefinition } from '../../activities/define';
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import { defineOperation, mount } from '../operation';
import { activityTypeParams, activityTypeResponse, listActivityTypesResponse, type ActivityTypeResponse } from '../schemas/activity-types';
import { errorResponse } from '../schemas/error';

export const listActivityTypes = defineOperation({
  operationId: 'listActivityTypes',
  method: 'get',
  path: '/activity-types',
  tag: 'Activity types',
  summary: 'Every activity type, with the JSON Schema of each version',
  auth: [],
  responses: { 200: { description: 'The registry', schema: listActivityTypesResponse } },
});

export const getActivityType = defineOperation({
  operationId: 'getActivityType',
  method: 'get',
  path: '/activity-types/{type}',
  tag: 'Activity types',
  summary: 'One activity type, with the JSON Schema of each version',
  auth: [],
  params: activityTypeParams,
  responses: {
    200: { description: 'The type', schema: activityTypeResponse },
    404: { description: 'No such activity type', schema: errorResponse },
  },
});

export function presentActivityType(registry: ActivityRegistry, definition: ActivityTypeDefinition): ActivityTypeResponse {
  const current = definition.versions.length;
  return {
    type: definition.type,
    description: definition.description,
    source: definition.source,
    ingestible: definition.source === 'external',
    initiator: definition.initiator,
    recipient: { kind: definition.recipient.kind, who: definition.recipient.kind === 'none' ? null : definition.recipient.who },
    current_version: current,
    versions: definition.versions.map((v) => ({
      version: v.version,
      current: v.version === current,
      changelog: v.changelog,
      metadata_schema: registry.jsonSchema(definition.type, v.version),
    })),
  };
}

export function activityTypesRouter(deps: { registry: ActivityRegistry }): Router {
  const router = Router();
  // The registry is code: render it once.
  const all = deps.registry.list().map((d) => presentActivityType(deps.registry, d));
  const byType = new Map(all.map((t) => [t.type, t]));

  mount(router, listActivityTypes, async () => ({ status: 200, body: { activity_types: all } }));

  mount(router, getActivityType, async ({ params }) => {
    const found = byType.get(params.type);
    if (!found) throw new AppError(ErrorCode.NotFound, `no activity type "${params.type}"`);
    return { status: 200, body: found };
  });

  return router;
}
