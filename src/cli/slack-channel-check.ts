// Asks Slack about a channel for `channels collect`, with the bot token the app uses
// (SLACK_BOT_TOKEN and SLACK_API_URL from the environment or .env), so an admin cannot opt in a
// channel that does not exist or that the bot cannot see, and learns whether it is public or
// private and whether the bot is in it (no bot, no events).
import { WebClient } from '@slack/web-api';
import { quietSlackLogger } from '../slack/quiet-logger';
import type { Store } from '../store/store';
import { describeNetworkError } from '../slack/identify-bot';

export interface SlackChannelFacts {
  id: string;
  name: string | null;
  isPrivate: boolean;
  isArchived: boolean;
  isShared: boolean;
  /** Whether the bot is a member (it gets the channel's events only then). */
  isMember: boolean;
  /** A direct message or a group DM: never collected. */
  isDirect: boolean;
}

export type ChannelCheck =
  | { kind: 'found'; facts: SlackChannelFacts }
  | { kind: 'not_found' }
  /** Slack could not be asked (no token, another workspace's token, unreachable). */
  | { kind: 'unavailable'; reason: string };

interface ConversationInfo {
  id?: string;
  name?: string;
  is_private?: boolean;
  is_group?: boolean;
  is_archived?: boolean;
  is_shared?: boolean;
  is_ext_shared?: boolean;
  is_member?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
}

/**
 * The token to ask Slack with about a workspace: its own installation's (the OAuth install),
 * its organisation's (org-wide), else SLACK_BOT_TOKEN (single-workspace mode).
 */
export async function tokenFor(store: Store, env: NodeJS.ProcessEnv, workspaceId: string): Promise<string | undefined> {
  const installation = await store.installations.forWorkspace(workspaceId);
  if (installation && !installation.revokedAt) return installation.botToken;
  return env.SLACK_BOT_TOKEN?.trim() || undefined;
}

export async function checkChannelWithSlack(env: NodeJS.ProcessEnv, workspaceId: string, channelId: string, token: string | undefined): Promise<ChannelCheck> {
  if (!token) return { kind: 'unavailable', reason: 'no installation of this workspace, and SLACK_BOT_TOKEN is not set (in the environment or .env), so Slack cannot be asked' };
  const apiUrl = env.SLACK_API_URL?.trim() || undefined;
  const client = new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 1000 },
    timeout: 10_000,
    logger: quietSlackLogger,
  });
  try {
    const auth = await client.auth.test();
    // An org-wide token acts in its organisation's workspaces; any other must be the workspace's own.
    if (auth.team_id !== workspaceId && !auth.is_enterprise_install) {
      return { kind: 'unavailable', reason: `SLACK_BOT_TOKEN belongs to workspace ${auth.team_id ?? '?'}, not ${workspaceId}` };
    }
    const info = await client.conversations.info({ channel: channelId });
    const c = (info.channel ?? {}) as ConversationInfo;
    return {
      kind: 'found',
      facts: {
        id: c.id ?? channelId,
        name: c.name ?? null,
        isPrivate: Boolean(c.is_private ?? c.is_group),
        isArchived: Boolean(c.is_archived),
        isShared: Boolean(c.is_shared || c.is_ext_shared),
        isMember: Boolean(c.is_member),
        isDirect: Boolean(c.is_im || c.is_mpim),
      },
    };
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string } };
    if (e.code === 'slack_webapi_platform_error') {
      if (e.data?.error === 'channel_not_found') return { kind: 'not_found' };
      return { kind: 'unavailable', reason: `Slack answered ${e.data?.error ?? 'an error'}` };
    }
    if (e.code === 'slack_webapi_request_error') return { kind: 'unavailable', reason: `Slack's Web API could not be reached (${describeNetworkError(error, 10_000)})` };
    return { kind: 'unavailable', reason: (error as Error).message };
  }
}
