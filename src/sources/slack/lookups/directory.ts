// Channel and member labels (names, privacy) from the Web API, kept in the store (member names
// also cached in memory). Every call goes through the SlackCallGate (backoff per method and
// workspace after a 429 or a network error). An event waits on Slack only until its deadline
// (one per event, shared by all its lookups): on a slow, rate-limited or unreachable Slack the
// caller records IDs now and the label filler, which waits for the gate, fills them in later.
import type { WebClient } from '@slack/web-api';
import { addTo, rememberIn } from '../../../bounded';
import type { Logger } from '../../../logger';
import type { Store } from '../../../store/store';
import type { ChannelRow } from '../../../store/repositories/channel-repository';
import { Deadline } from './deadline';
import { lookupClientFor } from './lookup-client';
import { profileFromSlackUser } from '../mapping/profile';
import { SlackCallGate, SlackCallRefused, type Patience } from './slack-call-gate';

export type ClientFor = (workspaceId: string) => WebClient | undefined;

interface CachedName {
  name: string | null;
  at: number;
}

/** Names kept in memory, and lookups known to be gone, at most (the store keeps them all). */
const MAX_NAMES = 50_000;
const MAX_GONE = 10_000;

/** How long a cached name is trusted before users.info is asked again (user_change refreshes sooner). */
const NAME_TTL_MS = 6 * 60 * 60 * 1000;

/** Web API errors after which asking again is pointless. */
const PERMANENT_LOOKUP_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'channel_not_found',
  'account_inactive',
  'token_revoked',
  'invalid_auth',
]);

/** Failures the gate already accounts for (and logs once per episode): not worth a line per lookup. */
function isGated(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof SlackCallRefused || code === 'slack_webapi_rate_limited_error' || code === 'slack_webapi_request_error' || code === 'slack_webapi_http_error';
}

export class SlackDirectory {
  /** Shared with every other Web API caller of the app (browsing), so they back off together. */
  readonly gate: SlackCallGate;
  private readonly names = new Map<string, CachedName>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Lookups Slack answered with a permanent error (see PERMANENT_LOOKUP_ERRORS). */
  private readonly gone = new Set<string>();

  constructor(
    private readonly deps: { store: Store; clientFor: ClientFor; logger: Logger; lookupBudgetMs: number; gate?: SlackCallGate },
  ) {
    this.gate = deps.gate ?? new SlackCallGate({ logger: deps.logger });
  }

  /** An event's deadline, starting now: the most it waits on Slack, all its lookups together. */
  eventDeadline(): Deadline {
    return Deadline.after(this.deps.lookupBudgetMs);
  }

  /** How an event waits for a lookup: until its deadline, and not at all while Slack is slow. */
  eventPatience(deadline: Deadline = this.eventDeadline()): Patience {
    return { deadline, failFast: true };
  }

  /** True when Slack said the user or channel does not exist (or cannot be seen) any more. */
  isGone(kind: 'user' | 'channel', workspaceId: string, id: string): boolean {
    return this.gone.has(`${kind}:${workspaceId}:${id}`);
  }

  /**
   * One Web API lookup through the gate, as `patience` allows. Callers asking for the same key
   * at once share one call (each waiting on it only as long as its own patience). Failures are
   * logged and yield undefined.
   */
  private async lookup<R, T>(
    workspaceId: string,
    method: string,
    key: string,
    request: (client: WebClient) => Promise<R>,
    keep: (result: R) => Promise<T | undefined>,
    patience: Patience,
  ): Promise<T | undefined> {
    const client = this.deps.clientFor(workspaceId);
    if (!client) return undefined;
    const lookupClient = lookupClientFor(client, this.deps.logger);
    const fetch = async () => keep(await this.gate.call(workspaceId, method, () => request(lookupClient)));
    const answer = await this.gate.ask(workspaceId, method, () => this.once(key, fetch), patience);
    return answer.ok ? answer.value : undefined;
  }

  /** Runs one fetch per key at a time; the shared promise rejects as the fetch does. */
  private once<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const promise = fetch().finally(() => this.inflight.delete(key));
    promise.catch((error: unknown) => {
      const code = (error as { data?: { error?: string } })?.data?.error;
      if (code && PERMANENT_LOOKUP_ERRORS.has(code)) {
        // Asking again will not help: remember, so the label filler stops retrying.
        addTo(this.gone, key, MAX_GONE);
        this.deps.logger.info({ key, code }, 'Slack says this no longer exists; its labels stay empty');
      } else if (isGated(error)) {
        this.deps.logger.debug({ err: error, key }, 'Slack lookup not answered now; labels will be filled later');
      } else {
        this.deps.logger.warn({ err: error, key }, 'Slack lookup failed; labels will be filled later');
      }
    });
    this.inflight.set(key, promise);
    return promise;
  }

  /**
   * A channel as known now: the store, then conversations.info as `patience` allows (an event:
   * until its deadline). The stored row is at most CHANNEL_CACHE_MS old
   * (ChannelRepository.getRecent), never a long-lived copy: an admin's opt-in or opt-out (CLI,
   * another process) and a rename handled by another replica apply within that second. A row
   * Slack has not described yet (no infoFetchedAt) is returned when Slack did not answer.
   */
  async channel(workspaceId: string, channelId: string, patience: Patience = this.eventPatience()): Promise<ChannelRow | null> {
    const stored = await this.deps.store.channels.getRecent(workspaceId, channelId);
    if (stored?.infoFetchedAt) return stored;
    const fetched = await this.fetchChannel(workspaceId, channelId, patience);
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

  /**
   * Asks conversations.info and stores the answer. Without `patience`: one try, if the gate
   * lets a call out now (a best-effort refresh); the label filler passes its stop signal.
   */
  fetchChannel(workspaceId: string, channelId: string, patience: Patience = {}): Promise<ChannelRow | undefined> {
    const key = `channel:${workspaceId}:${channelId}`;
    return this.lookup(workspaceId, 'conversations.info', key, (client) => client.conversations.info({ channel: channelId }), async (result) => {
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
    }, patience);
  }

  /** A member's display name as known now (memory, store, then users.info as `patience` allows: an event, until its deadline). */
  async memberName(workspaceId: string, userId: string, patience: Patience = this.eventPatience()): Promise<string | null> {
    const key = `${workspaceId}:${userId}`;
    const cached = this.names.get(key);
    if (cached && Date.now() - cached.at < NAME_TTL_MS) return cached.name;
    const stored = await this.deps.store.members.findBySlackId(workspaceId, userId);
    if (stored?.profileFetchedAt && Date.now() - stored.profileFetchedAt.getTime() < NAME_TTL_MS) {
      const name = stored.displayName || stored.realName || null;
      rememberIn(this.names, key, { name, at: stored.profileFetchedAt.getTime() }, MAX_NAMES);
      return name;
    }
    const fetched = await this.fetchMember(workspaceId, userId, patience);
    if (fetched !== undefined) return fetched;
    return stored ? stored.displayName || stored.realName || null : null;
  }

  /** Asks users.info, stores the profile and returns the display name (undefined: no answer). */
  fetchMember(workspaceId: string, userId: string, patience: Patience = {}): Promise<string | null | undefined> {
    const key = `user:${workspaceId}:${userId}`;
    return this.lookup(workspaceId, 'users.info', key, (client) => client.users.info({ user: userId }), async (result) => {
      if (!result.user) return undefined;
      // The name is known now: the event waiting for it does not also wait for the profile's
      // write, which goes on in the background (a later lookup asks Slack again if it failed).
      const profile = profileFromSlackUser(result.user as Record<string, unknown>);
      const name = this.remember(workspaceId, userId, profile);
      this.deps.store.members.ensureSlackMember(workspaceId, userId, profile).catch((error: unknown) => {
        this.names.delete(`${workspaceId}:${userId}`);
        this.deps.logger.warn({ err: error, workspaceId, userId }, 'could not store a member profile from users.info');
      });
      return name;
    }, patience);
  }

  /** Stores a Slack user object (from users.info, team_join or user_change); returns its name. */
  async rememberMember(workspaceId: string, userId: string, user: Record<string, unknown>): Promise<string | null> {
    const profile = profileFromSlackUser(user);
    await this.deps.store.members.ensureSlackMember(workspaceId, userId, profile);
    return this.remember(workspaceId, userId, profile);
  }

  /** Caches a member's name from their profile; returns it. */
  private remember(workspaceId: string, userId: string, profile: ReturnType<typeof profileFromSlackUser>): string | null {
    const name = profile.displayName || profile.realName || null;
    rememberIn(this.names, `${workspaceId}:${userId}`, { name, at: Date.now() }, MAX_NAMES);
    return name;
  }
}
