// app_uninstalled / tokens_revoked: the installation no longer works; keep the data, mark it.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function installationRevokedCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = teamIdOf(body, context);
    if (event.type === 'tokens_revoked') {
      // Only a revoked bot token stops collection; a revoked user token does not.
      const bot = (event as { tokens?: { bot?: string[] } }).tokens?.bot ?? [];
      if (bot.length === 0) return;
    }
    await deps.store.workspaces.markRevoked(teamId, new Date(((body as { event_time?: number }).event_time ?? Date.now() / 1000) * 1000));
    deps.logger.warn({ teamId, event: event.type }, 'installation revoked: collection stops for this workspace');
  };
}
