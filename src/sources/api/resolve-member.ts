// Turns a member identity from another system into our member row id, creating the member
// the first time it is seen. A Slack user id names the Slack member row (the same one Slack
// events use); an email or external id matches an existing member first (a Slack member
// with that email included), so one person is one member whichever way they are named.
import type { Store } from '../../store/store';
import type { MemberIdentity } from './activity-input';

/** A stable text key for an identity, to resolve each distinct one once per request. */
export function identityKey(identity: MemberIdentity): string {
  if (identity.slackUserId) return `slack:${identity.slackUserId}`;
  return `id:${identity.email?.trim().toLowerCase() ?? ''}\u0000${identity.externalId?.trim() ?? ''}`;
}

export async function resolveMember(store: Pick<Store, 'members'>, workspaceId: string, identity: MemberIdentity): Promise<string> {
  if (identity.slackUserId) return store.members.ensureSlackMember(workspaceId, identity.slackUserId);
  return store.members.ensureByIdentity(workspaceId, {
    ...(identity.email !== undefined ? { email: identity.email } : {}),
    ...(identity.externalId !== undefined ? { externalId: identity.externalId } : {}),
    ...(identity.name !== undefined ? { name: identity.name } : {}),
  });
}

/** Resolves identities within one request, each distinct identity once. */
export class MemberResolver {
  private readonly resolved = new Map<string, Promise<string>>();

  constructor(
    private readonly store: Pick<Store, 'members'>,
    private readonly workspaceId: string,
  ) {}

  resolve(identity: MemberIdentity | null): Promise<string | null> {
    if (!identity) return Promise.resolve(null);
    const key = identityKey(identity);
    let id = this.resolved.get(key);
    if (!id) {
      id = resolveMember(this.store, this.workspaceId, identity);
      this.resolved.set(key, id);
    }
    return id;
  }
}
