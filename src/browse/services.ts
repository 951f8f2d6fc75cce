// The long-lived helpers browsing needs (caches of who may see what, viewers' zones, Home
// states), one set per app, and the per-request view of a viewer built from them. Their Web
// API calls go through the app's SlackCallGate (the directory's), on a client that hands rate
// limits back to it, each waiting only within a budget: browsing shows less (no private
// channels, UTC, rows without links) rather than waiting on a slow or rate-limited Slack.
import type { Logger } from '../logger';
import { Deadline } from '../sources/slack/lookups/deadline';
import { asWebClient, lookupClientFor } from '../sources/slack/lookups/lookup-client';
import { SlackCallGate } from '../sources/slack/lookups/slack-call-gate';
import type { ActivityView } from '../activities/read-model';
import type { Store } from '../store/store';
import type { HomeView } from '../ui/blocks/kit';
import { messageRef } from '../ui/links';
import type { ViewerScope } from './browse-filter';
import { HomeStateMemory } from './home-state';
import { PrivateChannelDirectory, type ConversationsClient } from './visibility';
import { ViewerDirectory, type UsersInfoClient, type WorkspaceLabels } from './viewer';

export interface PermalinkClient {
  chat: { getPermalink(args: { channel: string; message_ts: string }): Promise<{ permalink?: string }> };
}

/** The Web API calls browsing makes, all through the bot token. */
export type BrowseClient = ConversationsClient & UsersInfoClient & PermalinkClient;

export interface ViewsPublishClient {
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

export interface Viewer {
  scope: ViewerScope;
  timeZone: string;
  workspace: WorkspaceLabels;
}

export interface RowLinkSources {
  domain?: string | null;
  resolved?: ReadonlyMap<string, string>;
}

/** How long building permalinks through chat.getPermalink may take, for a workspace with no known domain. */
const PERMALINK_BUDGET_MS = 1_500;
/** How long asking Slack who is looking (private channels, time zone, together) may take. */
const VIEWER_BUDGET_MS = 1_500;
/** How long publishing a Home view may wait for Slack (backoff included) before it is given up. */
const PUBLISH_BUDGET_MS = 5_000;

export class BrowseServices {
  readonly privateChannels: PrivateChannelDirectory;
  readonly viewers: ViewerDirectory;
  readonly homeStates = new HomeStateMemory();
  private readonly gate: SlackCallGate;

  constructor(private readonly deps: { store: Store; logger: Logger; now?: () => Date; gate?: SlackCallGate }) {
    this.gate = deps.gate ?? new SlackCallGate({ logger: deps.logger });
    this.privateChannels = new PrivateChannelDirectory(deps.logger, { gate: this.gate });
    this.viewers = new ViewerDirectory({ store: deps.store, logger: deps.logger, gate: this.gate });
  }

  /** The client calls go out on: for a WebClient (Bolt's), its twin that leaves rate limits to the gate. */
  private slack<C extends object>(client: C): C {
    const web = asWebClient(client);
    return web ? (lookupClientFor(web, this.deps.logger) as unknown as C) : client;
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Who is looking, and what they may see. Private channels and the time zone are asked of Slack at once. */
  async viewer(client: BrowseClient, workspaceId: string, userId: string): Promise<Viewer> {
    const slack = this.slack(client);
    const deadline = Deadline.after(VIEWER_BUDGET_MS);
    const [privateChannelIds, timeZone, workspace] = await Promise.all([
      this.privateChannels.privateChannelIds(slack, workspaceId, userId, { deadline }),
      this.viewers.timeZone(slack, workspaceId, userId, { deadline }),
      this.viewers.workspace(workspaceId),
    ]);
    return { scope: { workspaceId, userId, privateChannelIds }, timeZone, workspace };
  }

  /**
   * What rows link with: the workspace domain when known (links are built), else permalinks
   * from chat.getPermalink for the rows that need one, within a time budget.
   */
  async rowLinks(client: PermalinkClient, viewer: Viewer, items: ActivityView[]): Promise<RowLinkSources> {
    if (viewer.workspace.domain) return { domain: viewer.workspace.domain };
    const wanted = new Map<string, { channel: string; ts: string }>();
    for (const item of items) {
      if (typeof item.metadata.permalink === 'string') continue;
      const ref = messageRef(item);
      if (ref) wanted.set(`${ref.channel}:${ref.ts}`, ref);
    }
    const resolved = new Map<string, string>();
    if (wanted.size === 0) return { resolved };
    const slack = this.slack(client);
    const workspaceId = viewer.scope.workspaceId;
    const deadline = Deadline.after(PERMALINK_BUDGET_MS);
    await Promise.all(
      [...wanted.entries()].map(async ([key, ref]) => {
        const call = () => this.gate.call(workspaceId, 'chat.getPermalink', () => slack.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }));
        const answer = await this.gate.ask(workspaceId, 'chat.getPermalink', call, { deadline });
        if (answer.ok && answer.value.permalink) resolved.set(key, answer.value.permalink);
        else if (!answer.ok) this.deps.logger.debug({ err: answer.error, key }, 'chat.getPermalink not answered; row shown without a link');
      }),
    );
    return { resolved: new Map(resolved) };
  }

  /**
   * Publishes a member's Home view (views.publish) through the gate: waits out a short backoff,
   * gives up (throwing) when Slack cannot take it within PUBLISH_BUDGET_MS.
   */
  async publishView(client: ViewsPublishClient, workspaceId: string, userId: string, view: HomeView): Promise<void> {
    const slack = this.slack(client);
    const call = () => this.gate.call(workspaceId, 'views.publish', () => slack.views.publish({ user_id: userId, view }));
    const answer = await this.gate.ask(workspaceId, 'views.publish', call, { deadline: Deadline.after(PUBLISH_BUDGET_MS) });
    if (!answer.ok) throw answer.error ?? new Error(`views.publish: Slack did not take the Home view within ${PUBLISH_BUDGET_MS} ms (rate-limited, slow or unreachable)`);
  }
}

const servicesByDeps = new WeakMap<object, BrowseServices>();

/**
 * The app's browse services: the ones handed in, else one set per listener deps object, sharing
 * the directory's SlackCallGate so that every Web API call of the app backs off together.
 */
export function browseServicesFor(deps: { store: Store; logger: Logger; browse?: BrowseServices; directory?: { gate: SlackCallGate } }): BrowseServices {
  if (deps.browse) return deps.browse;
  let services = servicesByDeps.get(deps);
  if (!services) {
    services = new BrowseServices({ store: deps.store, logger: deps.logger, ...(deps.directory ? { gate: deps.directory.gate } : {}) });
    servicesByDeps.set(deps, services);
  }
  return services;
}
