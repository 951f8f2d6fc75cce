// The use case behind every Slack event listener: take what the mapping decided and make it
// durable — an activity (exactly once), a scrub, or a dead letter. Throws only when the
// database cannot be written, so the listener answers non-2xx and Slack redelivers.
import { AppError } from '../../errors';
import { payloadText, reasonWithTruncation } from './payload-text';
import type { Logger } from '../../logger';
import type { Store } from '../../store/store';
import type { SlackDirectory } from './lookups/directory';
import type { Patience } from './lookups/slack-call-gate';
import type { ChannelRow } from '../../store/repositories/channel-repository';
import { dateFromSlackTs } from './mapping/slack-time';
import type { SlackActivityDraft, SlackMapping } from './mapping/types';

export interface CollectDeps {
  store: Store;
  directory: SlackDirectory;
  logger: Logger;
  /** Asks the label filler to run soon (labels missing on a recorded activity). */
  onLabelsPending?: () => void;
}

export interface Delivery {
  teamId: string;
  /** The whole request body, kept in a dead letter if this cannot be mapped. */
  body: unknown;
  /** The body's text exactly as received (HTTP mode), kept in a dead letter instead of re-serialising `body`. */
  rawBody?: string | undefined;
  eventId?: string | undefined;
  kind: string;
}

export type CollectOutcome = 'recorded' | 'duplicate' | 'ignored' | 'not_collected' | 'dead_lettered' | 'scrubbed';

/** When each member's lastActiveAt was last written by this process (ms of the activity). */
const lastTouched = new Map<string, number>();
/** lastActiveAt is for "active this week" views: a minute of staleness saves a write per event. */
const TOUCH_EVERY_MS = 60_000;

/** Writes lastActiveAt when this member's was not written in the last minute; else nothing (no promise). */
function touchIfDue(store: Store, memberId: string, at: Date): Promise<void> | undefined {
  const previous = lastTouched.get(memberId);
  if (previous !== undefined && at.getTime() - previous < TOUCH_EVERY_MS) return undefined;
  lastTouched.set(memberId, at.getTime());
  if (lastTouched.size > 100_000) lastTouched.clear();
  return store.members.touch(memberId, at);
}

/** Activity errors (bad metadata, unknown type) mean "cannot map", not "try again". */
function isMappingError(error: unknown): error is AppError {
  return error instanceof AppError && error.code.startsWith('activity_');
}

async function deadLetter(deps: CollectDeps, delivery: Delivery, reason: string, errorCode?: string): Promise<CollectOutcome> {
  const payload = payloadText(delivery.body, delivery.rawBody);
  await deps.store.deadLetters.keep({
    workspaceId: delivery.teamId,
    source: 'slack_event',
    kind: delivery.kind,
    ...(delivery.eventId ? { dedupeKey: `slack:${delivery.eventId}` } : {}),
    rawPayload: payload.text,
    reason: reasonWithTruncation(reason, payload),
    errorCode: errorCode ?? null,
  });
  deps.logger.warn({ eventId: delivery.eventId, kind: delivery.kind, reason }, 'event kept as a dead letter');
  return 'dead_lettered';
}

interface ChannelGate {
  collected: boolean;
  isPrivate: boolean;
  name: string | null;
  known: boolean;
}

function gateOf(row: ChannelRow): ChannelGate {
  return { collected: row.isCollected, isPrivate: row.isPrivate, name: row.name, known: Boolean(row.infoFetchedAt) };
}

/** Whether activity in this channel is collected, and whether it is private (for visibility). */
async function channelGate(deps: CollectDeps, teamId: string, draft: SlackActivityDraft, lookups: Patience): Promise<ChannelGate> {
  if (!draft.channelId) return { collected: true, isPrivate: false, name: null, known: true };
  if (draft.channelType) {
    // Slack told us the kind of channel in the event itself: no need to wait for Slack here.
    // A channel Slack has not described yet is asked about now, without waiting (the answer
    // is stored for later events; a collected one's name is also waited for alongside the
    // member names, under the event's deadline).
    const known = await deps.store.channels.getRecent(teamId, draft.channelId);
    const row = known ?? (await deps.store.channels.upsert(teamId, draft.channelId, { isPrivate: draft.channelType === 'group' }));
    if (!row.infoFetchedAt) void deps.directory.fetchChannel(teamId, draft.channelId, { failFast: true });
    return gateOf(row);
  }
  const row = await deps.directory.channel(teamId, draft.channelId, lookups);
  if (row) return gateOf(row);
  // Unknown channel and Slack did not answer in time: record it as private (hidden from
  // anyone not known to be in it) and let the label filler settle it.
  return { collected: true, isPrivate: true, name: null, known: false };
}

// The steady state (workspace, channel, members and names all known) is answered from memory
// without awaiting anything: each `peek…` is the synchronous answer of the lookup after it.
// Every Slack lookup of the event waits as `lookups` allows: until the one deadline of the event
// (SLACK_LOOKUP_BUDGET_MS from when its handling started), not at all while Slack is slow or
// asked us to back off. The channel first when the event did not say its kind (collection
// depends on it), then the names, with what is left; otherwise all at once.
async function recordDraft(deps: CollectDeps, delivery: Delivery, draft: SlackActivityDraft, lookups: Patience): Promise<CollectOutcome> {
  const { store, directory } = deps;
  const teamId = delivery.teamId;
  const { initiatorUserId, recipientUserId } = draft;
  const peeked = draft.channelId ? directory.peekChannel(teamId, draft.channelId) : undefined;
  let initiatorName = initiatorUserId ? directory.peekMemberName(teamId, initiatorUserId) : null;
  let recipientName = recipientUserId ? directory.peekMemberName(teamId, recipientUserId) : null;
  const askNames = () => {
    const asked = Promise.all([
      initiatorName === undefined && initiatorUserId ? directory.memberName(teamId, initiatorUserId, lookups) : (initiatorName ?? null),
      recipientName === undefined && recipientUserId ? directory.memberName(teamId, recipientUserId, lookups) : (recipientName ?? null),
    ]);
    // Awaited below; if a write fails first, the event fails there and this failure is moot.
    asked.catch(() => undefined);
    return asked;
  };
  const needNames = initiatorName === undefined || recipientName === undefined;
  // When collection does not hang on Slack's answer about the channel (one it described, a
  // public channel by the event's own word, or no channel), the names are asked at once, so
  // that Slack's answer time overlaps the store work below instead of following it.
  const settled = peeked ? peeked.isCollected : draft.channelType === 'channel' || !draft.channelId;
  let names = needNames && settled && store.workspaces.isKnown(teamId) ? askNames() : undefined;

  if (!store.workspaces.isKnown(teamId)) await store.workspaces.ensure(teamId);
  let gate = peeked ? gateOf(peeked) : await channelGate(deps, teamId, draft, lookups);
  if (!gate.collected) return 'not_collected';
  if (needNames) names ??= askNames();
  // The event's channel_type settled collection without waiting; the channel's name is asked
  // alongside the member names (not after), under the same deadline, before the member rows
  // are written.
  const channelLookup = draft.channelId && draft.channelType && !gate.known ? draft.channelId : null;
  const channelAsked = channelLookup ? directory.channel(teamId, channelLookup, lookups) : undefined;
  channelAsked?.catch(() => undefined);
  const members = store.members;
  const initiatorId = initiatorUserId
    ? (members.knownSlackMember(teamId, initiatorUserId) ?? (await members.ensureSlackMember(teamId, initiatorUserId)))
    : null;
  const recipientId = recipientUserId
    ? (members.knownSlackMember(teamId, recipientUserId) ?? (await members.ensureSlackMember(teamId, recipientUserId)))
    : null;
  if (names) [initiatorName, recipientName] = await names;
  const channelNow: ChannelRow | null = channelAsked ? await channelAsked : null;
  if (channelNow?.infoFetchedAt) {
    if (!channelNow.isCollected) return 'not_collected';
    gate = { collected: true, isPrivate: channelNow.isPrivate, name: channelNow.name, known: true };
  }
  const labels: Record<string, unknown> = {};
  if (gate.name) labels.channel_name = gate.name;
  if (initiatorName) labels.initiator_name = initiatorName;
  if (recipientName) labels.recipient_name = recipientName;
  const labelsPending =
    !gate.known || (Boolean(draft.initiatorUserId) && !initiatorName) || (Boolean(draft.recipientUserId) && !recipientName);

  try {
    const result = await store.activityWriter.record({
      workspaceId: teamId,
      type: draft.type,
      occurredAt: draft.occurredAt,
      ...(draft.occurredAtMicros !== undefined ? { occurredAtMicros: draft.occurredAtMicros } : {}),
      initiatorId,
      recipientId,
      channelId: draft.channelId,
      channelPrivate: gate.isPrivate,
      metadata: { ...draft.metadata, ...labels },
      source: 'slack',
      sourceKey: draft.sourceKey,
      ...(draft.deletionSourceKey ? { deletionSourceKey: draft.deletionSourceKey } : {}),
      labelsPending,
    });
    if (result.duplicate) return 'duplicate';
    const touch = initiatorId ? touchIfDue(store, initiatorId, draft.occurredAt) : undefined;
    if (touch) await touch;
    if (labelsPending) deps.onLabelsPending?.();
    return 'recorded';
  } catch (error) {
    if (isMappingError(error)) return deadLetter(deps, delivery, error.message, error.code);
    throw error;
  }
}

/** Makes one mapped Slack event durable. */
export async function recordSlackMapping(deps: CollectDeps, delivery: Delivery, mapping: SlackMapping): Promise<CollectOutcome> {
  // One deadline for everything this event waits for from Slack, from now.
  const lookups = deps.directory.eventPatience();
  switch (mapping.kind) {
    case 'ignore':
      deps.logger.debug({ eventId: delivery.eventId, kind: delivery.kind, reason: mapping.reason }, 'not an activity');
      return 'ignored';
    case 'unmappable':
      return deadLetter(deps, delivery, mapping.reason);
    case 'activity':
      return recordDraft(deps, delivery, mapping.draft, lookups);
    case 'deletion': {
      await deps.store.workspaces.ensure(delivery.teamId);
      // Nothing about the message happened before its own second (edits stored by earlier
      // versions carry Slack's whole-second edited.ts, which can fall before the message's ms).
      const posted = dateFromSlackTs(mapping.messageTs.split('.')[0]);
      const scrub = () =>
        deps.store.activities.scrubMessageText(
          delivery.teamId,
          mapping.scrubSourceKeyPrefixes,
          mapping.draft?.occurredAt ?? new Date(),
          posted ?? undefined,
        );
      await scrub();
      let draft = mapping.draft;
      if (draft && mapping.needsAuthorLookup) {
        const original = await deps.store.activityReads.findBySourceKey(delivery.teamId, `msg:${mapping.channelId}:${mapping.messageTs}`);
        const author = original?.initiator?.slackUserId ?? null;
        if (!author) {
          return deadLetter(deps, delivery, 'deletion of a message that was never recorded here, and Slack did not say who wrote it');
        }
        draft = { ...draft, initiatorUserId: author };
      }
      if (!draft) return 'scrubbed';
      const outcome = await recordDraft(deps, delivery, draft, lookups);
      if (outcome === 'recorded' || outcome === 'duplicate') {
        // The original (or an edit) may be in an insert that started before this deletion was
        // committed (another replica), and so did not see it: once every such insert has
        // committed, scrub again. Inserts that start later see the deletion and store the
        // text scrubbed (see ActivityRepository.insertNew and awaitConcurrentWrites).
        await deps.store.activities.awaitConcurrentWrites();
        await scrub();
      }
      return outcome;
    }
  }
}
