// Which private channels a member may see activity from: those Slack says they are in
// (users.conversations with types=private_channel&user=<viewer>, through the bot, so only
// channels the bot shares with them, the only ones we collect). Cached briefly per member.
// When Slack cannot be asked (in time), the answer is "none": a viewer sees less, never more.
// users.conversations goes through the app's SlackCallGate.
import type { Logger } from '../logger';
import { SlackCallGate, type Patience } from '../sources/slack/lookups/slack-call-gate';

/** The part of WebClient used here. */
export interface ConversationsClient {
  users: {
    conversations(args: { user: string; types: string; limit: number; cursor?: string; exclude_archived?: boolean; team_id?: string }): Promise<{
      ok?: boolean;
      channels?: { id?: string }[];
      response_metadata?: { next_cursor?: string };
    }>;
  };
}

export interface PrivateChannelOptions {
  ttlMs?: number;
  /** Pages of 200 channels read at most (a member in more private channels than that is rare). */
  maxPages?: number;
  maxEntries?: number;
  now?: () => number;
  /** The app's gate (backoff per method and workspace); default: one of its own. */
  gate?: SlackCallGate;
}

interface Entry {
  ids: string[];
  at: number;
}

export class PrivateChannelDirectory {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string[]>>();
  private readonly ttlMs: number;
  private readonly maxPages: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly gate: SlackCallGate;

  constructor(
    private readonly logger: Logger,
    options: PrivateChannelOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxPages = options.maxPages ?? 10;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
    this.gate = options.gate ?? new SlackCallGate({ logger });
  }

  /**
   * The private channel ids a member of a workspace may see activity from. Slack is waited for
   * as `patience` allows (default: one try, waiting for its answer); concurrent lookups of the
   * same member share one, and an answer that comes after a caller gave up is still cached.
   */
  async privateChannelIds(client: ConversationsClient, workspaceId: string, userId: string, patience: Patience = {}): Promise<string[]> {
    const key = `${workspaceId}:${userId}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.ids;
    const answer = await this.gate.ask(workspaceId, 'users.conversations', () => this.shared(key, client, workspaceId, userId), patience);
    if (answer.ok) return answer.value;
    if (answer.error) this.logger.warn({ err: answer.error, workspaceId, userId }, 'users.conversations failed; showing no private channels');
    else this.logger.debug({ workspaceId, userId }, 'users.conversations not answered in time; showing no private channels');
    return [];
  }

  /** One fetch per member at a time; its answer is remembered whoever still waits for it. */
  private shared(key: string, client: ConversationsClient, workspaceId: string, userId: string): Promise<string[]> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.fetch(client, workspaceId, userId)
      .then((ids) => {
        this.remember(key, ids);
        return ids;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Forgets a member's channels (e.g. after they joined or left one). */
  forget(workspaceId: string, userId: string): void {
    this.entries.delete(`${workspaceId}:${userId}`);
  }

  private remember(key: string, ids: string[]): void {
    this.entries.delete(key);
    this.entries.set(key, { ids, at: this.now() });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  private async fetch(client: ConversationsClient, workspaceId: string, userId: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < this.maxPages; page++) {
      const result = await this.gate.call(workspaceId, 'users.conversations', () =>
        client.users.conversations({
          user: userId,
          types: 'private_channel',
          limit: 200,
          // An org-wide install's token must say which workspace it asks about (ignored otherwise).
          team_id: workspaceId,
          exclude_archived: false,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const channel of result.channels ?? []) if (channel.id) ids.push(channel.id);
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return ids;
  }
}
