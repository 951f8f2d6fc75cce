// app_uninstalled / tokens_revoked: the installation no longer works. Its token is no longer
// used (no Web API calls for its workspaces) and its workspaces are marked revoked, which
// admins see (`npm run cli -- workspaces list`); the data stays until an admin removes it
// (`workspaces remove`). An organisation-wide install takes every workspace of the
// organisation with it. A reinstall makes it all work again.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { payloadSource } from '../../install/payload-source';
import { dateFromEpochSeconds } from '../../../sources/slack/mapping/slack-time';
import type { ListenerDeps } from '../deps';
import { teamIdOf } from './delivery';

export function installationRevokedCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    if (event.type === 'tokens_revoked') {
      // Only a revoked bot token stops collection; a revoked user token does not.
      const bot = (event as { tokens?: { bot?: unknown } | null }).tokens?.bot;
      if (!Array.isArray(bot) || bot.length === 0) return;
    }
    // When Slack says it happened; now when its event_time is missing or not a usable time.
    const at = dateFromEpochSeconds((body as { event_time?: unknown }).event_time) ?? new Date();
    const source = payloadSource(body);
    await deps.access?.revoke(source, at);
    const workspaces =
      source.isEnterpriseInstall && source.enterpriseId
        ? (await deps.store.workspaces.list()).filter((w) => w.enterpriseId === source.enterpriseId).map((w) => w.id)
        : [teamIdOf(body, context)];
    for (const id of workspaces) await deps.store.workspaces.markRevoked(id, at);
    deps.logger.warn({ workspaces, event: event.type }, `installation revoked: collection stops for ${workspaces.join(', ')} (the data stays)`);
  };
}
