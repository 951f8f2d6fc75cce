// POST /api/v1/activities and POST /api/v1/activities/batch: activities from systems other
// than Slack, checked against the registry and recorded all-or-nothing.
import { Router } from 'express';
import { plainWords } from '../../activities/issues';
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import { ingestActivity } from '../../sources/api/ingest-activity';
import { ingestBatch } from '../../sources/api/ingest-batch';
import { activityRejected, BatchRejectedError, itemFailure, type ItemFailure } from '../../sources/api/problems';
import type { ActivityInput } from '../../sources/api/activity-input';
import type { Store } from '../../store/store';
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER, type IdempotencyGuard } from '../idempotency';
import { envelopeProblems, readIngestItem } from '../ingest-request';
import { defineOperation, mount, type ResponseSpec } from '../operation';
import { presentActivity } from '../presenters/activity';
import { errorResponse } from '../schemas/error';
import { ingestActivityRequest, ingestActivityResponse, ingestBatchEnvelope, ingestBatchRequest, ingestBatchResponse } from '../schemas/ingest';

const replayedHeader = {
  [REPLAYED_HEADER]: {
    description: `"true" when this is the stored answer to an earlier request with the same ${IDEMPOTENCY_KEY_HEADER}`,
    schema: { type: 'string', enum: ['true', 'false'] },
  },
};

const ingestErrors: Record<number, ResponseSpec> = {
  400: { description: 'Malformed request, unknown type or version, or a Slack-only type: nothing stored', schema: errorResponse },
  409: {
    description: `The ${IDEMPOTENCY_KEY_HEADER} was used for a different request, or the external_id by an activity of another type`,
    schema: errorResponse,
  },
  422: {
    description: 'Metadata does not fit its schema (a missing or malformed field, or one its version does not define), or the recipient does not fit the type: nothing stored',
    schema: errorResponse,
  },
};

export const createActivity = defineOperation({
  operationId: 'createActivity',
  method: 'post',
  path: '/activities',
  tag: 'Ingest',
  summary: 'Record one activity from another system',
  description:
    'For types whose source is "external" (see GET /activity-types). Members are matched or created from their identity. ' +
    'With an `external_id` the write is idempotent: sending it again returns the stored activity (200, created false).',
  auth: ['activities:write'],
  body: ingestActivityRequest,
  bodyCheckedByHandler: true,
  idempotent: true,
  responses: {
    201: { description: 'Recorded', schema: ingestActivityResponse, headers: replayedHeader },
    200: { description: 'Already recorded under this external_id: nothing written', schema: ingestActivityResponse, headers: replayedHeader },
    ...ingestErrors,
  },
});

export const createActivityBatch = defineOperation({
  operationId: 'createActivityBatch',
  method: 'post',
  path: '/activities/batch',
  tag: 'Ingest',
  summary: 'Record up to 1,000 activities, all or none',
  description:
    'Every item is checked first; if any is refused, nothing is stored and the error lists each refused item (`items`) with its problems.',
  auth: ['activities:write'],
  body: ingestBatchRequest,
  bodyCheckedByHandler: true,
  idempotent: true,
  responses: {
    201: { description: 'Recorded (some items may have been stored before)', schema: ingestBatchResponse, headers: replayedHeader },
    200: { description: 'Every item was already stored: nothing written', schema: ingestBatchResponse, headers: replayedHeader },
    ...ingestErrors,
  },
});

function requireJsonBody(body: unknown): void {
  if (body === undefined) {
    throw new AppError(ErrorCode.InvalidRequest, 'send a JSON body with Content-Type: application/json', {
      issues: [{ path: 'body', message: 'missing JSON body' }],
    });
  }
}

/** The batch's outer shape; paths are relative to the body, like the items' problems. */
function readBatchEnvelope(body: unknown): { activities: unknown[] } {
  const parsed = ingestBatchEnvelope.safeParse(body, { error: plainWords });
  if (parsed.success) return parsed.data;
  const issues = envelopeProblems(parsed.error, () => 'unknown field: not part of a batch (activities)').map(({ path, message }) => ({ path, message }));
  throw new AppError(ErrorCode.InvalidRequest, `batch rejected, nothing stored: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, {
    issues,
  });
}

export function ingestRouter(deps: { store: Store; registry: ActivityRegistry; idempotency: IdempotencyGuard }): Router {
  const router = Router();

  mount(
    router,
    createActivity,
    async ({ body, principal }) => {
      requireJsonBody(body);
      const item = readIngestItem(body, deps.registry);
      if (!item.input) throw activityRejected(item.problems);
      const result = await ingestActivity(deps, { workspaceId: principal.workspaceId, activity: item.input });
      return { status: result.created ? 201 : 200, body: { activity: presentActivity(result.activity), created: result.created } };
    },
    { idempotency: deps.idempotency },
  );

  mount(
    router,
    createActivityBatch,
    async ({ body, principal }) => {
      requireJsonBody(body);
      const { activities } = readBatchEnvelope(body);
      const now = new Date();
      const inputs: ActivityInput[] = [];
      const failures: ItemFailure[] = [];
      activities.forEach((raw, index) => {
        const item = readIngestItem(raw, deps.registry, now);
        if (item.input) inputs.push(item.input);
        else failures.push(itemFailure(index, item.externalId, item.problems));
      });
      if (failures.length > 0) throw new BatchRejectedError(failures, activities.length);
      const result = await ingestBatch(deps, { workspaceId: principal.workspaceId, activities: inputs });
      return {
        status: result.created > 0 ? 201 : 200,
        body: {
          created: result.created,
          duplicates: result.duplicates,
          items: result.items.map((i) => ({ index: i.index, id: i.id, external_id: i.externalId, created: i.created })),
        },
      };
    },
    { idempotency: deps.idempotency },
  );

  return router;
}
