// Token rotation: installations whose bot token expires get a new one (oauth.v2.access with
// grant_type=refresh_token) well before it does, in the background, so no payload ever waits
// for a refresh. Every replica runs this; the refresh of one installation happens under a row
// lock (InstallationRepository.refreshLocked), and a replica that gets the lock after another
// refreshed sees the new expiry and does nothing: a refresh token is never spent twice.
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../logger';
import type { InstallationRow } from '../../store/repositories/installation-repository';
import type { Store } from '../../store/store';

/** Refresh when a token has less than this left (Slack's tokens live 12 hours). */
export const REFRESH_AHEAD_MS = 2 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 5 * 60 * 1000;

export interface TokenRefresherDeps {
  store: Store;
  logger: Logger;
  clientId: string;
  clientSecret: string;
  clientOptions: WebClientOptions;
  /** Told about every installation it refreshed (the replica's table of installations). */
  onRefreshed(row: InstallationRow): void;
  now?: () => number;
}

export class TokenRefresher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly client: WebClient;

  constructor(private readonly deps: TokenRefresherDeps) {
    this.client = new WebClient(undefined, deps.clientOptions);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: every installation expiring within REFRESH_AHEAD_MS is refreshed. */
  check(): Promise<void> {
    this.running ??= (async () => {
      try {
        const due = await this.deps.store.installations.expiringBefore(new Date(this.now() + REFRESH_AHEAD_MS));
        for (const row of due) await this.refresh(row.id, row.botToken);
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'token rotation: could not check the installations; trying again later');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * Refreshes one installation if it is still due once locked: not if another replica renewed
   * the token meanwhile (`seenToken`, the token the caller found due, has been replaced).
   * Returns the row as it ends up.
   */
  async refresh(id: string, seenToken?: string): Promise<InstallationRow | null> {
    try {
      const row = await this.deps.store.installations.refreshLocked(id, async (locked) => {
        const expiresAt = locked.botTokenExpiresAt?.getTime();
        if (!locked.botRefreshToken || (expiresAt !== undefined && expiresAt > this.now() + REFRESH_AHEAD_MS)) return null;
        if (seenToken !== undefined && locked.botToken !== seenToken) return null;
        const answer = (await this.client.oauth.v2.access({
          client_id: this.deps.clientId,
          client_secret: this.deps.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: locked.botRefreshToken,
        })) as { access_token?: string; refresh_token?: string; expires_in?: number };
        if (!answer.access_token || !answer.refresh_token || !answer.expires_in) throw new Error('oauth.v2.access answered without access_token, refresh_token and expires_in');
        this.deps.logger.info({ installation: id }, `token rotation: installation ${id} has a new bot token`);
        return { botToken: answer.access_token, botRefreshToken: answer.refresh_token, botTokenExpiresAt: new Date(this.now() + answer.expires_in * 1000) };
      });
      if (row) this.deps.onRefreshed(row);
      return row;
    } catch (error) {
      const slackError = (error as { data?: { error?: string } }).data?.error;
      this.deps.logger.error({ err: error, installation: id, slackError }, `token rotation: could not refresh installation ${id}${slackError ? ` (${slackError})` : ''}; trying again later`);
      return null;
    }
  }
}
