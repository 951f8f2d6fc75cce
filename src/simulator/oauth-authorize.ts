// Slack's authorize page (https://slack.com/oauth/v2/authorize), where a person picks a
// workspace (or, an org admin, the whole organisation) and allows the app. There is no person
// here: the decision is set beforehand with `consent()` (which workspace or organisation,
// who installs, or a refusal), else the `team` argument Slack itself accepts, else the
// first workspace. The page then redirects to the app's redirect_uri with a one-time code
// and the state it was given, exactly as Slack does, or with error=access_denied.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WorkspaceState } from './state';

export interface Consent {
  /** Install into this workspace… */
  teamId?: string;
  /** …or across this organisation (an org-wide install, by an org admin). */
  enterpriseId?: string;
  /** Who clicks Allow (default: the first human member of the workspace or org). */
  installerUserId?: string;
  /** The person clicks Cancel. */
  deny?: boolean;
}

export class AuthorizePage {
  private readonly queue: Consent[] = [];

  constructor(private readonly state: WorkspaceState) {}

  /** What the next visit to the authorize page decides. */
  consent(decision: Consent): void {
    this.queue.push(decision);
  }

  handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const app = this.state.oauth.appByClientId(q.get('client_id') ?? undefined);
    const requested = q.get('redirect_uri') ?? undefined;
    if (!app) return this.page(res, 400, 'Invalid client_id parameter');
    // Slack sends the person to the URL the request named, which must be registered; else to the first registered one.
    if (requested && app.redirectUris && !app.redirectUris.some((u) => requested.startsWith(u))) return this.page(res, 400, 'redirect_uri did not match any configured URIs');
    const redirectUri = requested ?? app.redirectUris?.[0];
    if (!redirectUri) return this.page(res, 400, 'redirect_uri did not match any configured URIs (none was given, none is registered)');
    const decision = this.queue.shift() ?? {};
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (decision.deny) {
      back.searchParams.set('error', 'access_denied');
      if (state !== null) back.searchParams.set('state', state);
      return this.redirect(res, back);
    }
    const enterpriseId = decision.enterpriseId;
    const teamId = enterpriseId ? undefined : (decision.teamId ?? q.get('team') ?? this.state.teams.keys().next().value);
    if (!enterpriseId && (!teamId || !this.state.team(teamId))) return this.page(res, 400, `No workspace ${teamId ?? ''} to install into`);
    const installer =
      decision.installerUserId ??
      [...this.state.users.values()].find((u) => !u.is_bot && (enterpriseId ? this.state.team(u.team_id)?.enterprise_id === enterpriseId : u.team_id === teamId))?.id ??
      'U0INSTALLER';
    const scopes = (q.get('scope') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const grant = this.state.oauth.grant({
      appId: app.appId,
      teamId,
      enterpriseId: enterpriseId ?? (teamId ? this.state.team(teamId)?.enterprise_id : undefined),
      isEnterpriseInstall: Boolean(enterpriseId),
      installerUserId: installer,
      scopes: scopes.length > 0 ? scopes : app.defaultScopes,
      redirectUri: requested,
    });
    back.searchParams.set('code', grant.code);
    if (state !== null) back.searchParams.set('state', state);
    this.redirect(res, back);
  }

  private redirect(res: ServerResponse, to: URL): void {
    res.writeHead(302, { location: to.toString(), 'content-type': 'text/html; charset=utf-8' }).end(`<a href="${to.toString()}">Continue</a>`);
  }

  private page(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Slack</title><p>${message}</p>`);
  }
}
