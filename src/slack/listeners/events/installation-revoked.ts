// app_uninstalled / tokens_revoked: the installation no longer works; keep the data, mark it.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { dateFromEpochSeconds } from '../../mapping/slack-time';
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
      const bot = (event as { tokens?: { bot?: unknown } | null }).tokens?.bot;
      if (!Array.isArray(bot) || bot.length === 0) return;
    }
    // When Slack says it happened; now when its event_time is missing or not a usable time.
    const at = dateFromEpochSeconds((body as { event_time?: unknown }).event_time) ?? new Date();
    await deps.store.workspaces.markRevoked(teamId, at);
    deps.logger.warn({ teamId, event: event.type }, 'installation revoked: collection stops for this workspace');
  };
}
