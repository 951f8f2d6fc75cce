// The workspaces an organisation-wide install is granted, as auth.teams.list (with the
// organisation's token) pages through them: read at install and when access is granted.
import type { WebClient } from '@slack/web-api';

export interface OrgWorkspace {
  id: string;
  name: string | null;
}

/** Every workspace the org-wide install behind `client` is granted. Throws when Slack cannot say. */
export async function listOrgWorkspaces(client: WebClient): Promise<OrgWorkspace[]> {
  const teams: OrgWorkspace[] = [];
  for await (const page of client.paginate('auth.teams.list', { limit: 200 })) {
    for (const team of (page as { teams?: { id?: string; name?: string }[] }).teams ?? []) if (team.id) teams.push({ id: team.id, name: team.name ?? null });
  }
  return teams;
}
