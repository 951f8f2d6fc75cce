// Members as the surfaces read them: a page of a workspace's members (by name), and one
// member's profile: their row, their activity counted by type as initiator and as recipient,
// and their most recent activities.
import type { ActivityView } from '../activities/read-model';
import type { MemberRow } from '../store/repositories/member-repository';
import type { Store } from '../store/store';

export interface MemberProfile {
  member: MemberRow;
  initiated: number;
  received: number;
  /** Per type, most activity first. */
  byType: { type: string; initiated: number; received: number }[];
  /** Newest first; present when asked for. */
  recent?: ActivityView[];
}

/** A member's profile, or null when the workspace has no such member. `recent`: how many of their newest activities (0: none). */
export async function memberProfile(store: Store, workspaceId: string, memberId: string, options: { recent: number }): Promise<MemberProfile | null> {
  const member = await store.members.get(workspaceId, memberId);
  if (!member) return null;
  const [initiated, received, recent] = await Promise.all([
    store.activityReads.countByType({ workspaceId, initiatorId: member.id }),
    store.activityReads.countByType({ workspaceId, recipientId: member.id }),
    options.recent > 0 ? store.activityReads.list({ workspaceId, memberId: member.id }, { limit: options.recent }) : null,
  ]);
  const byType = new Map<string, { type: string; initiated: number; received: number }>();
  for (const { type, count } of initiated) byType.set(type, { type, initiated: count, received: 0 });
  for (const { type, count } of received) byType.set(type, { type, initiated: byType.get(type)?.initiated ?? 0, received: count });
  const sum = (rows: { count: number }[]) => rows.reduce((total, r) => total + r.count, 0);
  return {
    member,
    initiated: sum(initiated),
    received: sum(received),
    byType: [...byType.values()].sort((a, b) => b.initiated + b.received - (a.initiated + a.received) || (a.type < b.type ? -1 : 1)),
    ...(recent ? { recent: recent.items } : {}),
  };
}

/** A workspace's members, a page at a time (by name when `q` is given): `nextCursor` goes back as `cursor`. */
export function findMembers(store: Store, workspaceId: string, page: { limit: number; q?: string | undefined; cursor?: string | undefined }): Promise<{ items: MemberRow[]; nextCursor: string | null }> {
  return store.members.list({ workspaceId, limit: page.limit, ...(page.q ? { q: page.q } : {}), ...(page.cursor ? { cursor: page.cursor } : {}) });
}
