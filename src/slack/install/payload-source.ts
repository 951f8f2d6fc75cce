// Which installation a Slack payload is for, read the way Bolt reads it (App.buildSource): an
// event names the installation it is delivered to in `authorizations` (the workspace, or the
// organisation for an org-wide install), else in team_id / enterprise_id; a slash command in
// team_id and is_enterprise_install; an interaction in team (null for an org-wide install) or
// user.team_id, and enterprise. The app checks it before Bolt does, so a payload for a
// workspace that is not installed is never answered with another workspace's data or token.

export interface PayloadSource {
  /** The workspace the payload is for (where the event happened, for an org-wide install). */
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
}

/** Slack's team (T…) and Enterprise Grid (E…) ids; bounded, as they are keys. Anything else is no id. */
const SLACK_TEAM_ID = /^[TE][A-Z0-9]{1,39}$/;
export const slackTeamIdOf = (value: unknown): string | undefined => (typeof value === 'string' && SLACK_TEAM_ID.test(value) ? value : undefined);
const text = slackTeamIdOf;
/** A workspace id (T…): an organisation's id (E…) in a team field names no workspace. */
const workspace = (value: unknown): string | undefined => (text(value)?.startsWith('T') ? (value as string) : undefined);
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

export function payloadSource(body: unknown): PayloadSource {
  const b = record(body) ?? {};
  if (b.event !== undefined) {
    const authorization = Array.isArray(b.authorizations) ? record(b.authorizations[0]) : undefined;
    const isEnterpriseInstall = authorization?.is_enterprise_install === true;
    return {
      // An org-wide install's authorization has no team: the event's own workspace counts.
      teamId: workspace(authorization?.team_id) ?? workspace(b.team_id) ?? workspace(b.context_team_id),
      enterpriseId: text(authorization?.enterprise_id) ?? text(b.enterprise_id) ?? text(b.context_enterprise_id),
      isEnterpriseInstall,
    };
  }
  if (b.command !== undefined) {
    return { teamId: workspace(b.team_id), enterpriseId: text(b.enterprise_id), isEnterpriseInstall: b.is_enterprise_install === 'true' || b.is_enterprise_install === true };
  }
  const team = record(b.team);
  const user = record(b.user);
  const enterprise = record(b.enterprise);
  const view = record(b.view);
  return {
    // The workspace the interaction happened in: `team` (null for an org-wide install), then the
    // view's own workspace, then the user's; app_installed_team_id is the organisation's id for
    // an org-wide install, so it only counts when it names a workspace.
    teamId: workspace(team?.id) ?? workspace(view?.team_id) ?? workspace(user?.team_id) ?? workspace(view?.app_installed_team_id),
    enterpriseId: text(enterprise?.id),
    isEnterpriseInstall: b.is_enterprise_install === true,
  };
}

/** The id an installation is stored under for this source: the organisation's for an org-wide install, else the workspace's. */
export function installationIdOf(source: PayloadSource): string | undefined {
  return source.isEnterpriseInstall ? source.enterpriseId : source.teamId;
}
