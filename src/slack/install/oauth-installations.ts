// The installations Slack's OAuth flow made, as each replica uses them: an in-memory table
// loaded from the store at start and every RELOAD_MS (so a revocation or a token refreshed by
// another replica is seen within that time), updated at once by what this replica does
// itself, and asked of the store on a miss (a workspace installed a moment ago through
// another replica). Bolt's authorize reads it for every payload; Web API callers get each
// workspace's own client from it, synchronously, on the event hot path.
import type { AuthorizeResult, AuthorizeSourceData } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../logger';
import type { InstallationRow } from '../../store/repositories/installation-repository';
import type { Store } from '../../store/store';
import { installationIdOf, payloadSource, type PayloadSource } from './payload-source';
import type { SlackAccess } from './slack-access';
import type { TokenRefresher } from './token-refresher';

const RELOAD_MS = 15_000;
/** How long "no such installation" is believed, so a stream of payloads for it costs one query. */
const MISS_TTL_MS = 5_000;

interface Entry {
  row: InstallationRow;
  client: WebClient;
}

export class OAuthInstallations implements SlackAccess {
  readonly mode = 'oauth' as const;
  readonly singleTeamId = undefined;
  private readonly byId = new Map<string, Entry>();
  /** Workspace → its organisation, for the workspaces of org-wide installs. */
  private readonly enterpriseOf = new Map<string, string>();
  private readonly misses = new Map<string, number>();
  /**
   * Workspaces an org-wide install lost (team_access_revoked) and has not regained, with when:
   * a reinstall of the organisation after that moment gives them back.
   */
  private withdrawn = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;
  refresher: TokenRefresher | undefined;

  constructor(
    private readonly deps: { store: Store; logger: Logger; clientOptions: WebClientOptions },
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not reload the installations; using the ones known'));
    }, RELOAD_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reads every working installation, and which organisation each known workspace belongs to. */
  async reload(): Promise<void> {
    const rows = await this.deps.store.installations.active();
    const seen = new Set(rows.map((r) => r.id));
    for (const id of this.byId.keys()) if (!seen.has(id)) this.byId.delete(id);
    for (const row of rows) this.remember(row);
    const withdrawn = new Map<string, Date>();
    for (const workspace of await this.deps.store.workspaces.list()) {
      if (!workspace.enterpriseId) continue;
      this.enterpriseOf.set(workspace.id, workspace.enterpriseId);
      // Marked revoked after its organisation's install was made, and with no install of its own:
      // withdrawn from the org-wide install (an uninstall marks them too, and a reinstall is later).
      const org = this.byId.get(workspace.enterpriseId);
      if (workspace.revokedAt && !this.byId.has(workspace.id) && org && workspace.revokedAt > org.row.installedAt) withdrawn.set(workspace.id, workspace.revokedAt);
    }
    // Swapped in whole: payloads checked while the query ran saw the previous set, never an empty one.
    this.withdrawn = withdrawn;
  }

  /** Takes a stored (or refreshed) installation into the table; a revoked one leaves it. */
  remember(row: InstallationRow): void {
    this.misses.delete(row.id);
    if (row.revokedAt) {
      this.byId.delete(row.id);
      return;
    }
    if (row.isEnterpriseInstall) {
      // The organisation installed (again): what it lost before this install is its own again.
      for (const [id, at] of this.withdrawn) if (this.enterpriseOf.get(id) === row.id && at <= row.installedAt) this.withdrawn.delete(id);
    }
    const current = this.byId.get(row.id);
    const client = current && current.row.botToken === row.botToken ? current.client : new WebClient(row.botToken, this.deps.clientOptions);
    this.byId.set(row.id, { row, client });
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  private entryForWorkspace(workspaceId: string): Entry | undefined {
    const own = this.byId.get(workspaceId);
    if (own) return own;
    if (this.withdrawn.has(workspaceId)) return undefined;
    const enterpriseId = this.enterpriseOf.get(workspaceId);
    const org = enterpriseId ? this.byId.get(enterpriseId) : undefined;
    return org?.row.isEnterpriseInstall ? org : undefined;
  }

  clientFor(workspaceId: string): WebClient | undefined {
    return this.entryForWorkspace(workspaceId)?.client;
  }

  /** The installation a payload is for: from the table, else the store (installed through another replica). */
  private async find(source: PayloadSource): Promise<Entry | undefined> {
    const id = installationIdOf(source);
    if (!id) return undefined;
    const known = this.byId.get(id);
    if (known) return known;
    const missedAt = this.misses.get(id);
    if (missedAt !== undefined && Date.now() - missedAt < MISS_TTL_MS) return undefined;
    const row = await this.deps.store.installations.get(id);
    if (!row || row.revokedAt) {
      this.misses.set(id, Date.now());
      if (this.misses.size > 10_000) this.misses.clear();
      return undefined;
    }
    this.remember(row);
    return this.byId.get(id);
  }

  async isInstalled(source: PayloadSource): Promise<boolean> {
    if (source.isEnterpriseInstall && source.teamId && this.withdrawn.has(source.teamId)) return false;
    const entry = await this.find(source);
    if (entry && source.isEnterpriseInstall && source.teamId && source.enterpriseId) await this.noteOrgWorkspace(source.teamId, source.enterpriseId);
    return Boolean(entry);
  }

  /** A workspace of an org-wide install, seen for the first time: remember which organisation it is in. */
  private async noteOrgWorkspace(teamId: string, enterpriseId: string): Promise<void> {
    if (this.enterpriseOf.get(teamId) === enterpriseId) return;
    this.enterpriseOf.set(teamId, enterpriseId);
    await this.deps.store.workspaces.ensure(teamId, { enterpriseId });
  }

  /** Bolt's authorize: the installation's bot token for each payload (refreshed first if it has expired). */
  readonly authorize = async (source: AuthorizeSourceData<boolean>, body?: unknown): Promise<AuthorizeResult> => {
    // The payload read as the app's gate (CheckedApp) read it, so the workspace a listener
    // works for (context.teamId) is the one that was checked; Bolt's own reading differs for
    // interactions of org-wide installs.
    const from: PayloadSource = body !== undefined ? payloadSource(body) : { teamId: source.teamId, enterpriseId: source.enterpriseId, isEnterpriseInstall: source.isEnterpriseInstall };
    let entry = await this.find(from);
    if (!entry) throw new Error(`no installation for ${installationIdOf(from) ?? 'this payload'}`);
    const expiresAt = entry.row.botTokenExpiresAt?.getTime();
    if (expiresAt !== undefined && expiresAt <= Date.now() + 60_000 && this.refresher) {
      // The background refresher should have renewed it already; do it now rather than fail.
      const refreshed = await this.refresher.refresh(entry.row.id, entry.row.botToken);
      if (refreshed) entry = this.byId.get(refreshed.id) ?? entry;
    }
    return {
      botToken: entry.row.botToken,
      botId: entry.row.botId ?? undefined,
      botUserId: entry.row.botUserId,
      teamId: from.teamId,
      enterpriseId: from.enterpriseId,
    };
  };

  boltAuthorization() {
    return { authorize: this.authorize };
  }

  async revoke(source: PayloadSource, at: Date): Promise<void> {
    const id = installationIdOf(source);
    if (!id) return;
    await this.deps.store.installations.markRevoked(id, at);
    this.byId.delete(id);
  }

  setOrgAccess(workspaceIds: readonly string[], enterpriseId: string | undefined, granted: boolean): void {
    for (const id of workspaceIds) {
      if (granted) this.withdrawn.delete(id);
      else this.withdrawn.set(id, new Date());
      if (enterpriseId) this.enterpriseOf.set(id, enterpriseId);
    }
  }

  /** The working installations (for the CLI and logs). */
  list(): InstallationRow[] {
    return [...this.byId.values()].map((e) => e.row);
  }
}
