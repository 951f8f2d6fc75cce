// Use case: record up to MAX_BATCH activities all-or-nothing. Every item is checked first
// and a single bad one rejects the batch (with every problem of every item, by index); then
// members are resolved and the activities written in one transaction.
import { ErrorCode } from '../../errors';
import type { NewActivity } from '../../store/repositories/activity-repository';
import { sourceKeyFor, type ActivityInput } from './activity-input';
import { checkActivity, type CheckedActivity } from './check-activity';
import { partsOf, type IngestDeps } from './ingest-activity';
import { BatchRejectedError, itemFailure, type ItemFailure } from './problems';
import { MemberResolver } from './resolve-member';

export const MAX_BATCH = 1000;
const MEMBER_CONCURRENCY = 8;

export interface BatchItemResult {
  index: number;
  id: string;
  externalId: string | null;
  /** False when the activity was already stored (same external_id): nothing was written for it. */
  created: boolean;
}

export interface BatchResult {
  items: BatchItemResult[];
  created: number;
  duplicates: number;
}

/** Refuses external ids used twice in a batch, or already stored, for activities of different types. */
async function externalIdConflicts(
  deps: IngestDeps,
  workspaceId: string,
  inputs: readonly ActivityInput[],
): Promise<ItemFailure[]> {
  const keys = inputs.flatMap((i) => (i.externalId !== undefined ? [sourceKeyFor(i.externalId)] : []));
  const stored = await deps.store.activities.findBySourceKeys(workspaceId, keys);
  const firstType = new Map<string, string>();
  const failures: ItemFailure[] = [];
  inputs.forEach((input, index) => {
    if (input.externalId === undefined) return;
    const owner = stored.get(sourceKeyFor(input.externalId))?.type ?? firstType.get(input.externalId);
    if (owner === undefined) firstType.set(input.externalId, input.type);
    else if (owner !== input.type) {
      failures.push(
        itemFailure(index, input.externalId, [
          { code: ErrorCode.Conflict, path: 'external_id', message: `"${input.externalId}" is already used by a ${owner} activity; this one is ${input.type}` },
        ]),
      );
    }
  });
  return failures;
}

export async function ingestBatch(deps: IngestDeps, options: { workspaceId: string; activities: ActivityInput[] }): Promise<BatchResult> {
  const { store, registry } = deps;
  const { workspaceId, activities: inputs } = options;
  if (inputs.length > MAX_BATCH) throw new RangeError(`a batch holds at most ${MAX_BATCH} activities`);
  const now = deps.now?.() ?? new Date();

  const checked: CheckedActivity[] = [];
  const failures: ItemFailure[] = [];
  inputs.forEach((input, index) => {
    const result = checkActivity(registry, partsOf(input), now);
    if (result.checked && result.problems.length === 0) checked.push(result.checked);
    else failures.push(itemFailure(index, input.externalId ?? null, result.problems));
  });
  if (failures.length === 0) failures.push(...(await externalIdConflicts(deps, workspaceId, inputs)));
  if (failures.length > 0) throw new BatchRejectedError(failures, inputs.length);

  // Each distinct member is resolved once; a few at a time, so PostgreSQL can overlap them.
  const members = new MemberResolver(store, workspaceId);
  const identities = inputs.flatMap((input) => [input.initiator, input.recipient]);
  for (let start = 0; start < identities.length; start += MEMBER_CONCURRENCY) {
    await Promise.all(identities.slice(start, start + MEMBER_CONCURRENCY).map((identity) => members.resolve(identity)));
  }
  const drafts: NewActivity[] = [];
  for (const [index, input] of inputs.entries()) {
    const activity = checked[index]!;
    drafts.push({
      workspaceId,
      type: activity.type,
      version: activity.version,
      occurredAt: input.occurredAt,
      initiatorId: await members.resolve(input.initiator),
      recipientId: await members.resolve(input.recipient),
      metadata: activity.metadata,
      source: 'api',
      sourceKey: sourceKeyFor(input.externalId),
    });
  }

  const written = await store.activities.recordBatch(drafts);
  // recordBatch reports one entry per skipped draft; with n drafts under a key and d skipped,
  // the first of them was written by us exactly when d < n.
  const skipped = new Map<string, number>();
  for (const key of written.duplicates) skipped.set(key, (skipped.get(key) ?? 0) + 1);
  const occurrences = new Map<string, number>();
  for (const draft of drafts) occurrences.set(draft.sourceKey, (occurrences.get(draft.sourceKey) ?? 0) + 1);
  const ids = await store.activities.findBySourceKeys(workspaceId, [...occurrences.keys()]);
  const seen = new Set<string>();
  const items = drafts.map((draft, index): BatchItemResult => {
    const first = !seen.has(draft.sourceKey);
    seen.add(draft.sourceKey);
    const created = first && (skipped.get(draft.sourceKey) ?? 0) < occurrences.get(draft.sourceKey)!;
    return { index, id: ids.get(draft.sourceKey)!.id, externalId: inputs[index]!.externalId ?? null, created };
  });

  // Members' last activity moves forward once per member, to their latest new activity.
  const latest = new Map<string, Date>();
  items.forEach((item, index) => {
    const initiatorId = drafts[index]!.initiatorId;
    if (!item.created || !initiatorId) return;
    const at = drafts[index]!.occurredAt;
    if (!latest.has(initiatorId) || latest.get(initiatorId)! < at) latest.set(initiatorId, at);
  });
  for (const [memberId, at] of latest) await store.members.touch(memberId, at);

  return { items, created: written.created, duplicates: items.length - items.filter((i) => i.created).length };
}
