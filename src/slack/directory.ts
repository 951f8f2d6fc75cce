// Channel and member labels (names, privacy) from the Web API, kept in the store (member names
// also cached in memory). An event never waits on Slack for longer than a small budget: on a
// slow or rate-limited Slack the caller records IDs now and the labels are filled in later.
import { ErrorCode, WebClient } from '@slack/web-api';
import { boltLogger, type Logger } from '../logger';
import type { Store } from '../store/store';
import type { ChannelRow } from '../store/repositories/channel-repository';
import { profileFromSlackUser } from './mapping/profile';

export type ClientFor = (workspaceId: string) => WebClient | undefined;

interface CachedName {
  name: string | null;
  at: number;
}

/** How long a cached name is trusted before users.info is asked again (user_change refreshes sooner). */
const NAME_TTL_MS = 6 * 60 * 60 * 1000;

/** How often one lookup is tried when Slack rate-limits it, waiting its Retry-After in between. */
const RATE_LIMITED_ATTEMPTS = 5;
/** A longer Retry-After than this gives up for now (the label filler asks again on a later pass). */
const MAX_RETRY_AFTER_SEC = 30;

/** The Retry-After (seconds) of a rate-limited Web API call, else undefined. */
function retryAfterOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown } | null;
  return e?.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}

/** Resolves within `ms`, with `undefined` if the promise has not settled by then (it keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Web API errors after which asking again is pointless. */
const PERMANENT_LOOKUP_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'channel_not_found',
  'account_inactive',
  'token_revoked',
  'invalid_auth',
]);

export class SlackDirectory {
  private readonly names = new Map<string, CachedName>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly lookupClients = new WeakMap<WebClient, WebClient>();

  constructor(
    private readonly deps: { store: Store; clientFor: ClientFor; logger: Logger; lookupBudgetMs: number },
  ) {}

  /**
   * The client lookups go through: the workspace's token and API URL, but rate limits handed
   * back to us (see rateLimited) instead of the default policy, which retries for about 30
   * minutes with exponential backoff on top of Retry-After, holding up the label filler (and
   * shutdown, which waits for it) far longer than Slack asked.
   */
  private lookupClient(workspaceId: string): WebClient | undefined {
    const client = this.deps.clientFor(workspaceId);
    if (!client) return undefined;
    let lookup = this.lookupClients.get(client);
    if (!lookup) {
      lookup = new WebClient(client.token, {
        slackApiUrl: client.slackApiUrl,
        logger: boltLogger(this.deps.logger),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1_000 },
      });
      this.lookupClients.set(client, lookup);
    }
    return lookup;
  }

  /** Runs a Web API call, waiting out Slack's Retry-After (bounded) when it is rate-limited. */
  private async rateLimited<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === undefined || attempt >= RATE_LIMITED_ATTEMPTS || retryAfter > MAX_RETRY_AFTER_SEC) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      }
    }
  }

  /** Runs one fetch per key at a time; failures are logged and yield undefined. */
  /** Lookups Slack answered with a permanent error (see PERMANENT_LOOKUP_ERRORS). */
  private readonly gone = new Set<string>();

  /** True when Slack said the user or channel does not exist (or cannot be seen) any more. */
  isGone(kind: 'user' | 'channel', workspaceId: string, id: string): boolean {
    return this.gone.has(`${kind}:${workspaceId}:${id}`);
  }

  private once<T>(key: string, fetch: () => Promise<T>): Promise<T | undefined> {
    const running = this.inflight.get(key) as Promise<T | undefined> | undefined;
    if (running) return running;
    const promise = fetch()
      .catch((error: unknown) => {
        const code = (error as { data?: { error?: string } })?.data?.error;
        if (code && PERMANENT_LOOKUP_ERRORS.has(code)) {
          // Asking again will not help: remember, so the label filler stops retrying.
          this.gone.add(key);
          this.deps.logger.info({ key, code }, 'Slack says this no longer exists; its labels stay empty');
        } else {
          this.deps.logger.warn({ err: error, key }, 'Slack lookup failed; labels will be filled later');
        }
        return undefined;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /**
   * A channel as known now: the store, then conversations.info within `budgetMs`. The stored
   * row is at most CHANNEL_CACHE_MS old (ChannelRepository.getRecent), never a long-lived copy:
   * an admin's opt-in or opt-out (CLI, another process) and a rename handled by another
   * replica apply within that second.
   */
  async channel(workspaceId: string, channelId: string, budgetMs = this.deps.lookupBudgetMs): Promise<ChannelRow | null> {
    const stored = await this.deps.store.channels.getRecent(workspaceId, channelId);
    if (stored?.infoFetchedAt) return stored;
    const fetched = await within(this.fetchChannel(workspaceId, channelId), budgetMs);
    return fetched ?? stored ?? null;
  }

  /** channel()'s answer when it needs no I/O (a recently read row Slack described), else undefined. */
  peekChannel(workspaceId: string, channelId: string): ChannelRow | undefined {
    const row = this.deps.store.channels.peekRecent(workspaceId, channelId);
    return row?.infoFetchedAt ? row : undefined;
  }

  /** memberName()'s answer when it is in memory and fresh (no I/O), else undefined. */
  peekMemberName(workspaceId: string, userId: string): string | null | undefined {
    const cached = this.names.get(`${workspaceId}:${userId}`);
    return cached && Date.now() - cached.at < NAME_TTL_MS ? cached.name : undefined;
  }

  /** Asks conversations.info and stores the answer. */
  fetchChannel(workspaceId: string, channelId: string): Promise<ChannelRow | undefined> {
    return this.once(`channel:${workspaceId}:${channelId}`, async () => {
      const client = this.lookupClient(workspaceId);
      if (!client) return undefined;
      const result = await this.rateLimited(() => client.conversations.info({ channel: channelId }));
      const c = result.channel;
      if (!c) return undefined;
      const row = await this.deps.store.channels.upsert(
        workspaceId,
        channelId,
        {
          name: c.name ?? null,
          isPrivate: Boolean(c.is_private || c.is_group),
          isArchived: Boolean(c.is_archived),
          isShared: Boolean(c.is_shared || c.is_ext_shared || c.is_org_shared),
        },
        new Date(),
      );
      return row;
    });
  }

  /** A member's display name as known now (memory, store, then users.info within budget). */
  async memberName(workspaceId: string, userId: string, budgetMs = this.deps.lookupBudgetMs): Promise<string | null> {
    const key = `${workspaceId}:${userId}`;
    const cached = this.names.get(key);
    if (cached && Date.now() - cached.at < NAME_TTL_MS) return cached.name;
    const stored = await this.deps.store.members.findBySlackId(workspaceId, userId);
    if (stored?.profileFetchedAt && Date.now() - stored.profileFetchedAt.getTime() < NAME_TTL_MS) {
      const name = stored.displayName || stored.realName || null;
      this.names.set(key, { name, at: stored.profileFetchedAt.getTime() });
      return name;
    }
    const fetched = await within(this.fetchMember(workspaceId, userId), budgetMs);
    if (fetched !== undefined) return fetched;
    return stored ? stored.displayName || stored.realName || null : null;
  }

  /** Asks users.info, stores the profile and returns the display name. */
  fetchMember(workspaceId: string, userId: string): Promise<string | null | undefined> {
    return this.once(`user:${workspaceId}:${userId}`, async () => {
      const client = this.lookupClient(workspaceId);
      if (!client) return undefined;
      const result = await this.rateLimited(() => client.users.info({ user: userId }));
      if (!result.user) return undefined;
      return this.rememberMember(workspaceId, userId, result.user as Record<string, unknown>);
    });
  }

  /** Stores a Slack user object (from users.info, team_join or user_change); returns its name. */
  async rememberMember(workspaceId: string, userId: string, user: Record<string, unknown>): Promise<string | null> {
    const profile = profileFromSlackUser(user);
    await this.deps.store.members.ensureSlackMember(workspaceId, userId, profile);
    const name = profile.displayName || profile.realName || null;
    this.names.set(`${workspaceId}:${userId}`, { name, at: Date.now() });
    return name;
  }
}
