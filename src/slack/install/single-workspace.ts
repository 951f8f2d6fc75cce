// Single-workspace mode: SLACK_BOT_TOKEN, checked with auth.test at start (identify-bot.ts).
// The token belongs to one workspace (or, org-wide, to one Enterprise Grid organisation): a
// payload for any other installation is not ours, however it is signed.
import type { WebClient } from '@slack/web-api';
import type { BotIdentity } from '../identify-bot';
import type { PayloadSource } from './payload-source';
import type { SlackAccess } from './slack-access';

export class SingleWorkspaceAccess implements SlackAccess {
  readonly mode = 'single' as const;
  readonly singleTeamId: string;
  private revoked = false;

  constructor(
    private readonly bot: BotIdentity,
    private readonly token: string,
    private readonly client: WebClient,
  ) {
    this.singleTeamId = bot.teamId;
  }

  clientFor(workspaceId: string): WebClient | undefined {
    if (this.revoked) return undefined;
    return workspaceId === this.bot.teamId ? this.client : undefined;
  }

  async isInstalled(source: PayloadSource): Promise<boolean> {
    return this.matches(source);
  }

  private matches(source: PayloadSource): boolean {
    if (source.teamId === this.bot.teamId) return true;
    // An org-wide token answers for its organisation.
    return Boolean(this.bot.enterpriseId) && source.isEnterpriseInstall && source.enterpriseId === this.bot.enterpriseId;
  }

  boltAuthorization() {
    return { token: this.token, botId: this.bot.botId, botUserId: this.bot.botUserId };
  }

  async revoke(source: PayloadSource): Promise<void> {
    // The token in the environment no longer works: no Web API calls until the app restarts with a new one.
    if (this.matches(source)) this.revoked = true;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}
