// A stored activity row, read with its members, and the view the read model gives of it:
// metadata upgraded to the type's current version, the stored version kept.
import { memberName, type ActivityView, type MemberSummary } from '../../activities/read-model';
import type { ActivityRegistry } from '../../activities/registry';
import type { Prisma } from '../prisma-client';

const memberSelect = { id: true, slackUserId: true, displayName: true, realName: true } as const;
/** The members an activity row is read with. */
export const withMembers = { initiator: { select: memberSelect }, recipient: { select: memberSelect } } as const;
export type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof withMembers }>;

function summary(member: ActivityRow['initiator']): MemberSummary | null {
  if (!member) return null;
  return { id: member.id, slackUserId: member.slackUserId, name: memberName(member) };
}

/** Reads a stored row back as a view, upgrading its metadata to the current version. */
export function activityView(registry: ActivityRegistry, row: ActivityRow): ActivityView {
  const upgraded = registry.upgrade(row.type, row.version, row.metadata);
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    type: row.type,
    version: upgraded.version,
    storedVersion: row.version,
    occurredAt: row.occurredAt,
    receivedAt: row.receivedAt,
    initiator: summary(row.initiator),
    recipient: summary(row.recipient),
    channelId: row.channelId,
    channelPrivate: row.channelPrivate,
    metadata: upgraded.metadata,
    source: row.source,
    sourceKey: row.sourceKey,
    labelsPending: row.labelsPending,
  };
}
