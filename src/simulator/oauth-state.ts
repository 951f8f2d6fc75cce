// Slack's side of the OAuth v2 install flow: registered apps (client id and secret), the
// one-time codes the authorize page hands out, the tokens oauth.v2.access issues for them,
// refresh tokens when the app has token rotation on, and the workspaces an organisation-wide
// install has been granted. Tokens it issues are ordinary BotToken records in the workspace
// state, so every Web API method accepts them as it accepts seeded ones.
import { randomBytes } from 'node:crypto';
import type { BotToken, WorkspaceState } from './state';

export interface SimulatedApp {
  appId: string;
  clientId: string;
  clientSecret: string;
  /** Bot scopes a token gets when the authorize request names none. */
  defaultScopes: string[];
  /** Token rotation on: access tokens expire after this many seconds and come with a refresh token. */
  tokenLifetimeSec?: number;
  /** Redirect URLs registered in the app's settings; the first is used when the authorize request names none. */
  redirectUris?: string[];
}

/** What the authorize page granted, waiting to be exchanged by oauth.v2.access. */
export interface PendingGrant {
  code: string;
  appId: string;
  /** The workspace installed into; undefined for an organisation-wide install. */
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  installerUserId: string;
  scopes: string[];
  redirectUri: string | undefined;
  expiresAt: number;
}

/** One installation of an app: its bot identity, and its current refresh token under rotation. */
export interface SimulatedInstallation {
  appId: string;
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
  botUserId: string;
  botId: string;
  scopes: string[];
  refreshToken: string | undefined;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const random = (bytes = 12) => randomBytes(bytes).toString('hex');

export class OAuthState {
  readonly apps = new Map<string, SimulatedApp>();
  private readonly grants = new Map<string, PendingGrant>();
  /** Installations by `${appId}:${teamId ?? enterpriseId}`. */
  readonly installations = new Map<string, SimulatedInstallation>();
  /** Workspaces an organisation-wide install may act in, by `${appId}:${enterpriseId}`. */
  private readonly orgGrants = new Map<string, Set<string>>();

  constructor(private readonly state: WorkspaceState) {}

  addApp(input: Omit<SimulatedApp, 'defaultScopes'> & { defaultScopes?: string[] }): SimulatedApp {
    const app: SimulatedApp = { defaultScopes: ['channels:history', 'channels:read', 'users:read', 'commands'], ...input };
    this.apps.set(app.clientId, app);
    return app;
  }

  appByClientId(clientId: string | undefined): SimulatedApp | undefined {
    return clientId ? this.apps.get(clientId) : undefined;
  }

  /** The authorize page's consent: a one-time code for the redirect (`redirectUri`: the one the request named, if any). */
  grant(input: Omit<PendingGrant, 'code' | 'expiresAt'>): PendingGrant {
    const grant: PendingGrant = { ...input, code: `${Date.now()}.${random(8)}.${random(16)}`, expiresAt: Date.now() + CODE_LIFETIME_MS };
    this.grants.set(grant.code, grant);
    return grant;
  }

  /** Takes a code (once): undefined when unknown, used or expired. */
  takeGrant(code: string): PendingGrant | undefined {
    const grant = this.grants.get(code);
    this.grants.delete(code);
    return grant && grant.expiresAt > Date.now() ? grant : undefined;
  }

  /** Which workspaces an org-wide install reaches; Slack's admins add or remove them over time. */
  setOrgWorkspaces(appId: string, enterpriseId: string, teamIds: string[]): void {
    this.orgGrants.set(`${appId}:${enterpriseId}`, new Set(teamIds));
    for (const token of this.state.tokens.values()) {
      if (token.kind === 'bot' && token.appId === appId && token.enterpriseId === enterpriseId && token.isEnterpriseInstall) {
        token.grantedTeamIds = new Set(teamIds);
      }
    }
  }

  orgWorkspaces(appId: string, enterpriseId: string): string[] {
    return [...(this.orgGrants.get(`${appId}:${enterpriseId}`) ?? [])];
  }

  /**
   * The installation a grant creates or renews (a reinstall keeps its bot user), and a new bot
   * token for it; with rotation on, the token expires and a refresh token comes with it.
   */
  install(grant: PendingGrant): { installation: SimulatedInstallation; token: BotToken; expiresIn: number | undefined } {
    const app = [...this.apps.values()].find((a) => a.appId === grant.appId)!;
    const key = `${grant.appId}:${grant.teamId ?? grant.enterpriseId}`;
    const previous = this.installations.get(key);
    const installation: SimulatedInstallation = {
      appId: grant.appId,
      teamId: grant.teamId,
      enterpriseId: grant.enterpriseId,
      isEnterpriseInstall: grant.isEnterpriseInstall,
      botUserId: previous?.botUserId ?? `${grant.isEnterpriseInstall ? 'W' : 'U'}0BOT${random(3).toUpperCase()}`,
      botId: previous?.botId ?? `B0${random(4).toUpperCase()}`,
      scopes: grant.scopes,
      refreshToken: app.tokenLifetimeSec ? `xoxe-1-fake_${random(16)}` : undefined,
    };
    this.installations.set(key, installation);
    const teams = grant.teamId ? [grant.teamId] : this.orgWorkspaces(grant.appId, grant.enterpriseId!);
    // The bot is a member of its org's (or workspace's) user directory, like any installed app.
    this.state.addUser({
      id: installation.botUserId,
      team_id: teams[0] ?? grant.teamId ?? '',
      name: 'activity',
      is_bot: true,
      ...(grant.enterpriseId ? { enterprise_user: { enterprise_id: grant.enterpriseId, enterprise_name: '', is_admin: false, is_owner: false, teams } } : {}),
    } as never);
    const token = this.issueToken(app, installation);
    return { installation, token, expiresIn: app.tokenLifetimeSec };
  }

  /** Exchanges a refresh token: a new access token (and refresh token); the old refresh token stops working. */
  refresh(app: SimulatedApp, refreshToken: string): { installation: SimulatedInstallation; token: BotToken; expiresIn: number } | undefined {
    const installation = [...this.installations.values()].find((i) => i.appId === app.appId && i.refreshToken === refreshToken);
    if (!installation || !app.tokenLifetimeSec) return undefined;
    installation.refreshToken = `xoxe-1-fake_${random(16)}`;
    return { installation, token: this.issueToken(app, installation), expiresIn: app.tokenLifetimeSec };
  }

  private issueToken(app: SimulatedApp, installation: SimulatedInstallation): BotToken {
    const rotating = Boolean(app.tokenLifetimeSec);
    const token = this.state.addBotToken({
      token: `${rotating ? 'xoxe.xoxb' : 'xoxb'}-fake_oauth_${random(16)}`,
      teamId: installation.teamId ?? '',
      botUserId: installation.botUserId,
      botId: installation.botId,
      appId: installation.appId,
      scopes: installation.scopes,
      ...(rotating ? { expiresAt: Date.now() + app.tokenLifetimeSec! * 1000 } : {}),
      ...(installation.enterpriseId ? { enterpriseId: installation.enterpriseId } : {}),
      ...(installation.isEnterpriseInstall
        ? { isEnterpriseInstall: true, grantedTeamIds: new Set(this.orgWorkspaces(installation.appId, installation.enterpriseId!)) }
        : {}),
    });
    return token;
  }

  /** Uninstalls: every token of the installation stops working (Slack then sends app_uninstalled). */
  uninstall(appId: string, teamOrEnterpriseId: string): void {
    const installation = this.installations.get(`${appId}:${teamOrEnterpriseId}`);
    if (!installation) return;
    this.installations.delete(`${appId}:${teamOrEnterpriseId}`);
    for (const [value, token] of this.state.tokens) {
      if (token.kind === 'bot' && token.appId === appId && (token.teamId === teamOrEnterpriseId || token.enterpriseId === teamOrEnterpriseId)) {
        this.state.revokeToken(value);
      }
    }
  }
}
