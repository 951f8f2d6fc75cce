// The long-lived helpers browsing needs (caches of who may see what, viewers' zones, Home
// states), one set per app, and the per-request view of a viewer built from them.
import type { Logger } from '../logger';
import type { ActivityView } from '../store/repositories/activity-repository';
import type { Store } from '../store/store';
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

export class BrowseServices {
  readonly privateChannels: PrivateChannelDirectory;
  readonly viewers: ViewerDirectory;
  readonly homeStates = new HomeStateMemory();

  constructor(private readonly deps: { store: Store; logger: Logger; now?: () => Date }) {
    this.privateChannels = new PrivateChannelDirectory(deps.logger);
    this.viewers = new ViewerDirectory({ store: deps.store, logger: deps.logger });
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Who is looking, and what they may see. Private channels and the time zone are asked of Slack at once. */
  async viewer(client: BrowseClient, workspaceId: string, userId: string): Promise<Viewer> {
    const [privateChannelIds, timeZone, workspace] = await Promise.all([
      this.privateChannels.privateChannelIds(client, workspaceId, userId),
      this.viewers.timeZone(client, workspaceId, userId),
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
    const lookups = Promise.all(
      [...wanted.entries()].map(async ([key, ref]) => {
        try {
          const result = await client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts });
          if (result.permalink) resolved.set(key, result.permalink);
        } catch (error) {
          this.deps.logger.debug({ err: error, key }, 'chat.getPermalink failed; row shown without a link');
        }
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([lookups, new Promise<void>((resolve) => (timer = setTimeout(resolve, PERMALINK_BUDGET_MS)))]);
    clearTimeout(timer);
    return { resolved: new Map(resolved) };
  }
}

const servicesByDeps = new WeakMap<object, BrowseServices>();

/** The app's browse services: the ones handed in, else one set per listener deps object. */
export function browseServicesFor(deps: { store: Store; logger: Logger; browse?: BrowseServices }): BrowseServices {
  if (deps.browse) return deps.browse;
  let services = servicesByDeps.get(deps);
  if (!services) {
    services = new BrowseServices({ store: deps.store, logger: deps.logger });
    servicesByDeps.set(deps, services);
  }
  return services;
}
