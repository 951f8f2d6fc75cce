// team_access_granted / team_access_revoked: an Enterprise Grid admin added workspaces to (or
// took them from) the app's organisation-wide install. Added workspaces are recorded as
// installed, with their names when auth.teams.list answers, and collected from at once;
// removed ones are marked revoked (their data stays).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { listOrgWorkspaces } from '../../install/org-workspaces';
import { payloadSource } from '../../install/payload-source';
import type { ListenerDeps } from '../deps';

const teamIdsOf = (event: unknown): string[] => {
  const ids = (event as { team_ids?: unknown }).team_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && /^T[A-Z0-9]{1,39}$/.test(id)) : [];
};

export function teamAccessCallback(deps: ListenerDeps) {
  return async ({ event, body }: SlackEventMiddlewareArgs<'team_access_granted' | 'team_access_revoked'> & AllMiddlewareArgs): Promise<void> => {
    const { enterpriseId } = payloadSource(body);
    const teamIds = teamIdsOf(event);
    const now = new Date();
    if (event.type === 'team_access_revoked') {
      for (const id of teamIds) {
        // Known as the organisation's, so every replica's reload counts it withdrawn (not a stray workspace).
        if (enterpriseId) await deps.store.workspaces.ensure(id, { enterpriseId });
        await deps.store.workspaces.markRevoked(id, now);
      }
      deps.access?.setOrgAccess?.(teamIds, enterpriseId, false);
      deps.logger.warn({ enterpriseId, workspaces: teamIds }, `organisation-wide install: access to ${teamIds.join(', ')} removed; collection stops there`);
      return;
    }
    const names = enterpriseId ? await workspaceNames(deps, enterpriseId) : new Map<string, string>();
    for (const id of teamIds) {
      await deps.store.workspaces.ensure(id, { enterpriseId: enterpriseId ?? null, ...(names.has(id) ? { name: names.get(id)! } : {}) });
      await deps.store.workspaces.markInstalled(id, now);
    }
    deps.access?.setOrgAccess?.(teamIds, enterpriseId, true);
    deps.logger.info({ enterpriseId, workspaces: teamIds }, `organisation-wide install: ${teamIds.join(', ')} granted; collecting there now`);
  };
}

/** Names of the organisation's workspaces, from auth.teams.list with the org-wide token (best effort). */
async function workspaceNames(deps: ListenerDeps, enterpriseId: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const client = deps.access?.clientFor(enterpriseId);
  if (!client) return names;
  try {
    for (const team of await listOrgWorkspaces(client)) if (team.name) names.set(team.id, team.name);
  } catch (error) {
    deps.logger.debug({ err: error }, 'auth.teams.list failed; workspaces recorded without names');
  }
  return names;
}
