// How the app reaches Slack for each workspace: one bot token for one workspace
// (SLACK_BOT_TOKEN: single-workspace.ts), or the installations Slack's OAuth flow made
// (oauth-installations.ts). Everything that calls the Web API for a workspace asks this for
// that workspace's client, and every payload is checked against it before it is handled, so
// nothing is ever done with another workspace's token or under another workspace's id.
import type { AppOptions } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PayloadSource } from './payload-source';

export interface SlackAccess {
  readonly mode: 'single' | 'oauth';
  /** The workspace's client, with its own token; undefined when it is not installed (or revoked). */
  clientFor(workspaceId: string): WebClient | undefined;
  /** Whether a payload is for an installation this app holds; one that is not is kept as a dead letter. */
  isInstalled(source: PayloadSource): Promise<boolean>;
  /** What Bolt needs to authorize each payload: a fixed token, or an authorize function. */
  boltAuthorization(): Pick<AppOptions, 'token' | 'botId' | 'botUserId' | 'authorize'>;
  /** app_uninstalled / tokens_revoked for this payload's installation: stop using its token. */
  revoke(source: PayloadSource, at: Date): Promise<void>;
  /**
   * team_access_granted / team_access_revoked: an organisation-wide install gained or lost these
   * workspaces. A withdrawn workspace's payloads are treated as not installed (kept as dead
   * letters) and its Web API calls stop, until access is granted again.
   */
  setOrgAccess?(workspaceIds: readonly string[], enterpriseId: string | undefined, granted: boolean): void;
  /** The one workspace of single-workspace mode. */
  readonly singleTeamId: string | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}
