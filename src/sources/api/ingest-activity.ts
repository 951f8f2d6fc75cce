// Use case: record one activity sent by a system outside Slack. Checked against the registry
// (every problem reported, nothing stored on any), members matched or created, then recorded
// exactly once per external_id.
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import type { ActivityView } from '../../activities/read-model';
import type { Store } from '../../store/store';
import { sourceKeyFor, type ActivityInput } from './activity-input';
import { checkActivity, type ActivityParts, type CheckedActivity } from './check-activity';
import { activityRejected } from './problems';
import { MemberResolver } from './resolve-member';

export interface IngestDeps {
  store: Store;
  registry: ActivityRegistry;
  now?: () => Date;
}

export interface IngestResult {
  activity: ActivityView;
  /** False when an activity with this external_id was already stored: nothing was written. */
  created: boolean;
}

/** Every part of a complete input, for checkActivity. */
export function partsOf(input: ActivityInput): ActivityParts {
  return { type: input.type, version: input.version, metadata: input.metadata, hasRecipient: input.recipient !== null, occurredAt: input.occurredAt };
}

/** Checks an input completely; throws the rejection listing every problem. */
export function checkInput(registry: ActivityRegistry, input: ActivityInput, now: Date): CheckedActivity {
  const { problems, checked } = checkActivity(registry, partsOf(input), now);
  if (problems.length > 0 || !checked) throw activityRejected(problems);
  return checked;
}

/** The 409 for an external_id already used by an activity of another type. */
export function externalIdConflict(externalId: string, storedType: string, type: string): AppError {
  return new AppError(ErrorCode.Conflict, `external_id "${externalId}" is already used by a ${storedType} activity`, {
    issues: [{ path: 'external_id', message: `already used by a ${storedType} activity; this one is ${type}` }],
  });
}

export async function ingestActivity(deps: IngestDeps, options: { workspaceId: string; activity: ActivityInput }): Promise<IngestResult> {
  const { store, registry } = deps;
  const { workspaceId, activity: input } = options;
  const checked = checkInput(registry, input, deps.now?.() ?? new Date());

  const members = new MemberResolver(store, workspaceId);
  const [initiatorId, recipientId] = await Promise.all([members.resolve(input.initiator), members.resolve(input.recipient)]);
  const result = await store.activities.record({
    workspaceId,
    type: checked.type,
    version: checked.version,
    occurredAt: input.occurredAt,
    initiatorId,
    recipientId,
    metadata: checked.metadata,
    source: 'api',
    sourceKey: sourceKeyFor(input.externalId),
  });
  if (result.duplicate) {
    if (result.activity.type !== checked.type) throw externalIdConflict(input.externalId!, result.activity.type, checked.type);
    return { activity: result.activity, created: false };
  }
  if (initiatorId) await store.members.touch(initiatorId, input.occurredAt);
  return { activity: result.activity, created: true };
}
