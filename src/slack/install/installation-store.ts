// The installation store @slack/oauth's InstallProvider writes to when someone completes the
// install flow, on our Prisma models (both databases). Storing an installation also records
// its workspaces: the one it was made in, or, for an organisation-wide install, every
// workspace of the organisation the app was granted (auth.teams.list), each marked installed
// (a reinstall clears a revocation; history is kept, since it is keyed by workspace id).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../logger';
import type { InstallationInput, InstallationRow } from '../../store/repositories/installation-repository';
import type { Store } from '../../store/store';
import { listOrgWorkspaces } from './org-workspaces';

export interface PrismaInstallationStoreDeps {
  store: Store;
  logger: Logger;
  clientOptions: WebClientOptions;
  /** Told about every installation stored (the replica's table of installations). */
  onStored(row: InstallationRow): void;
}

/** The installation as @slack/oauth hands it, without any token (those live in their own columns). */
function withoutTokens(installation: Installation): Record<string, unknown> {
  const { bot, user, incomingWebhook: _webhook, ...rest } = installation;
  return {
    ...rest,
    ...(bot ? { bot: { id: bot.id, userId: bot.userId, scopes: bot.scopes, expiresAt: bot.expiresAt } } : {}),
    user: { id: user.id, scopes: user.scopes },
  };
}

export function installationInput(installation: Installation): InstallationInput {
  const bot = installation.bot;
  if (!bot) throw new Error('the installation has no bot token: install with bot scopes');
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  const id = isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!id) throw new Error('the installation names neither a workspace nor an organisation');
  return {
    id,
    teamId: isEnterpriseInstall ? null : (installation.team?.id ?? null),
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall,
    appId: installation.appId ?? null,
    botToken: bot.token,
    botRefreshToken: bot.refreshToken ?? null,
    botTokenExpiresAt: bot.expiresAt ? new Date(bot.expiresAt * 1000) : null,
    botUserId: bot.userId,
    botId: bot.id ?? null,
    botScopes: bot.scopes.join(','),
    installerUserId: installation.user.id ?? null,
    raw: withoutTokens(installation) as never,
  };
}

export class PrismaInstallationStore implements InstallationStore {
  constructor(private readonly deps: PrismaInstallationStoreDeps) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const { store, logger } = this.deps;
    const input = installationInput(installation);
    const row = await store.installations.save(input);
    const now = new Date();
    const client = new WebClient(input.botToken, this.deps.clientOptions);
    const workspaces = input.isEnterpriseInstall
      ? // A reinstall whose list failed: the organisation's workspaces known from before (the uninstall marked them) are its own again.
        ((await this.orgWorkspaces(client)) ?? (await store.workspaces.list()).filter((w) => w.enterpriseId === input.enterpriseId).map((w) => ({ id: w.id, name: w.name })))
      : [{ id: input.teamId!, name: installation.team?.name ?? null }];
    const domain = input.isEnterpriseInstall ? null : await this.domainOf(client);
    for (const workspace of workspaces) {
      await store.workspaces.ensure(workspace.id, {
        name: workspace.name,
        enterpriseId: input.enterpriseId,
        botUserId: input.botUserId,
        botId: input.botId,
        appId: input.appId,
        ...(domain ? { domain } : {}),
      });
      await store.workspaces.markInstalled(workspace.id, now);
    }
    this.deps.onStored(row);
    logger.info(
      { installation: input.id, isEnterpriseInstall: input.isEnterpriseInstall, workspaces: workspaces.map((w) => w.id), installer: input.installerUserId },
      input.isEnterpriseInstall
        ? `installed across organisation ${installation.enterprise?.name ?? input.id} (${input.id}): ${workspaces.length} workspaces granted so far`
        : `installed in workspace ${installation.team?.name ?? input.id} (${input.id})`,
    );
  }

  /** The workspaces an org-wide install was granted (more come with team_access_granted); null when Slack could not say. */
  private async orgWorkspaces(client: WebClient): Promise<{ id: string; name: string | null }[] | null> {
    try {
      return await listOrgWorkspaces(client);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'auth.teams.list failed: the organisation’s workspaces known here count as granted; others are recorded as their events arrive');
      return null;
    }
  }

  private async domainOf(client: WebClient): Promise<string | null> {
    try {
      const auth = await client.auth.test();
      return auth.url ? (new URL(auth.url).hostname.split('.')[0] ?? null) : null;
    } catch {
      return null;
    }
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
    const row = id ? await this.deps.store.installations.get(id) : null;
    if (!row || row.revokedAt) throw new Error(`no installation for ${id ?? 'this query'}`);
    const raw = row.raw as unknown as Installation;
    return {
      ...raw,
      bot: {
        token: row.botToken,
        ...(row.botRefreshToken ? { refreshToken: row.botRefreshToken } : {}),
        ...(row.botTokenExpiresAt ? { expiresAt: Math.floor(row.botTokenExpiresAt.getTime() / 1000) } : {}),
        scopes: (row.botScopes ?? '').split(',').filter(Boolean),
        id: row.botId ?? '',
        userId: row.botUserId,
      },
    };
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
    if (id) await this.deps.store.installations.markRevoked(id, new Date());
  }
}
