// Typed ActivityView factories for the UI tests: a stored example of any type, read back the
// way the store reads it (metadata upgraded to the current version), with overrides.
import { activityRegistry } from '../../../src/activities';
import type { ActivityView, MemberSummary } from '../../../src/activities/read-model';
import { storedExample } from '../activities/stored-examples';

export function member(slackUserId: string, name: string | null): MemberSummary {
  return { id: `m_T0TEST_${slackUserId}`, slackUserId, name };
}

export const ANA = member('U0ANA', 'Ana');
export const BO = member('U0BO', 'Bo');

let seq = 0;

export function activityView(overrides: Partial<ActivityView> & { type: string; metadata: Record<string, unknown> }): ActivityView {
  seq += 1;
  const upgraded = activityRegistry.upgrade(overrides.type, overrides.version ?? 1, overrides.metadata);
  return {
    id: `act_${String(seq).padStart(6, '0')}`,
    workspaceId: 'T0TEST',
    version: upgraded.version,
    storedVersion: overrides.version ?? 1,
    occurredAt: new Date('2026-11-01T14:03:00Z'),
    receivedAt: new Date('2026-11-01T14:03:01Z'),
    initiator: ANA,
    recipient: null,
    channelId: typeof overrides.metadata.channel_id === 'string' ? overrides.metadata.channel_id : null,
    channelPrivate: false,
    source: 'slack',
    sourceKey: `key-${seq}`,
    labelsPending: false,
    ...overrides,
    metadata: upgraded.metadata,
  };
}

/** Every registered type's stored v1 example as an activity, with a recipient where the type takes one. */
export function everyTypeExample(): ActivityView[] {
  return activityRegistry.list().map((definition) =>
    activityView({
      type: definition.type,
      metadata: storedExample(definition.type, 1),
      recipient: definition.recipient.kind === 'none' ? null : BO,
    }),
  );
}
