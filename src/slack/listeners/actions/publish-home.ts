// Builds a member's Home view from their state and publishes it (views.publish). Used when the
// tab opens and after every click in it; the state is remembered per member as it is published.
import type { ActivityRegistry } from '../../../activities/registry';
import { loadHome } from '../../../browse/home';
import { serializeHomeState, type HomeState } from '../../../browse/home-state';
import type { BrowseClient, BrowseServices } from '../../../browse/services';
import type { Logger } from '../../../logger';
import type { Store } from '../../../store/store';
import type { HomeView } from '../../../ui/blocks/kit';
import { homeView } from '../../../ui/blocks/home-view';
import { homeViewProblems } from '../../../ui/validate-blocks';

export interface ViewsClient {
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

export interface PublishHomeDeps {
  store: Store;
  registry: ActivityRegistry;
  logger: Logger;
  services: BrowseServices;
  client: BrowseClient & ViewsClient;
}

export async function publishHome(
  deps: PublishHomeDeps,
  target: { workspaceId: string; userId: string; botUserId?: string | undefined },
  state: HomeState,
): Promise<HomeView> {
  const { store, registry, services, client } = deps;
  const started = Date.now();
  const viewer = await services.viewer(client, target.workspaceId, target.userId);
  const now = services.now();
  const data = await loadHome({ store, registry, scope: viewer.scope, state, timeZone: viewer.timeZone, now });
  const links = await services.rowLinks(client, viewer, data.page.items);
  const view = homeView({
    data,
    types: registry.list().map((d) => d.type),
    workspaceName: viewer.workspace.name,
    botUserId: target.botUserId ?? null,
    links,
    now,
    privateMetadata: serializeHomeState(state),
  });
  const problems = homeViewProblems(view);
  if (problems.length > 0) deps.logger.error({ problems }, 'the Home view breaks Block Kit limits');
  services.homeStates.set(target.workspaceId, target.userId, state);
  // Through the Web API gate, like every other call for this workspace (rate limits, outages).
  await services.publishView(client, target.workspaceId, target.userId, view);
  deps.logger.debug({ workspaceId: target.workspaceId, rows: data.page.items.length, ms: Date.now() - started }, 'home published');
  return view;
}
