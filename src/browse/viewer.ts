// Facts about the person browsing and their workspace that shape what they see: their time zone
// (users.info `tz`, so "today" is their today), the workspace's name and domain (to build
// message links). Cached; a slow, rate-limited or failing Slack falls back to what the store
// knows, then UTC. users.info goes through the app's SlackCallGate.
import type { Logger } from '../logger';
import { Deadline } from '../sources/slack/lookups/deadline';
import { SlackCallGate, type Patience } from '../sources/slack/lookups/slack-call-gate';
import type { Store } from '../store/store';
import { safeTimeZone } from './time-zone';

/** The part of WebClient used here. */
export interface UsersInfoClient {
  users: { info(args: { user: string }): Promise<{ user?: { tz?: string } }> };
}

const TZ_TTL_MS = 60 * 60 * 1000;
/** A zone that did not come from Slack (slow, failing) is asked again soon. */
const FALLBACK_TZ_TTL_MS = 60 * 1000;
const WORKSPACE_TTL_MS = 5 * 60 * 1000;

export interface WorkspaceLabels {
  name: string | null;
  domain: string | null;
}

export class ViewerDirectory {
  private readonly zones = new Map<string, { tz: string; expires: number }>();
  private readonly workspaces = new Map<string, { labels: WorkspaceLabels; at: number }>();

  private readonly gate: SlackCallGate;

  constructor(
    private readonly deps: { store: Store; logger: Logger; lookupBudgetMs?: number; gate?: SlackCallGate },
  ) {
    this.gate = deps.gate ?? new SlackCallGate({ logger: deps.logger });
  }

  /**
   * The viewer's IANA time zone: cache, then users.info (as `patience` allows, by default
   * within a budget), then the stored profile, then UTC.
   */
  async timeZone(
    client: UsersInfoClient,
    workspaceId: string,
    userId: string,
    patience: Patience = { deadline: Deadline.after(this.deps.lookupBudgetMs ?? 1_000) },
  ): Promise<string> {
    const key = `${workspaceId}:${userId}`;
    const cached = this.zones.get(key);
    if (cached && Date.now() < cached.expires) return cached.tz;
    let tz: string | undefined;
    let fromSlack = false;
    const answer = await this.gate.ask(workspaceId, 'users.info', () => this.gate.call(workspaceId, 'users.info', () => client.users.info({ user: userId })), patience);
    if (answer.ok) {
      tz = answer.value.user?.tz;
      fromSlack = Boolean(tz);
    } else {
      this.deps.logger.debug({ err: answer.error, userId }, 'users.info not answered; using the stored time zone');
    }
    if (!tz) {
      const member = await this.deps.store.members.findBySlackId(workspaceId, userId).catch(() => null);
      tz = member?.timezone ?? undefined;
    }
    const zone = safeTimeZone(tz);
    this.zones.set(key, { tz: zone, expires: Date.now() + (fromSlack ? TZ_TTL_MS : FALLBACK_TZ_TTL_MS) });
    if (this.zones.size > 10_000) this.zones.delete(this.zones.keys().next().value!);
    return zone;
  }

  async workspace(workspaceId: string): Promise<WorkspaceLabels> {
    const cached = this.workspaces.get(workspaceId);
    if (cached && Date.now() - cached.at < WORKSPACE_TTL_MS) return cached.labels;
    const row = await this.deps.store.workspaces.get(workspaceId);
    const labels = { name: row?.name ?? null, domain: row?.domain ?? null };
    this.workspaces.set(workspaceId, { labels, at: Date.now() });
    return labels;
  }
}
