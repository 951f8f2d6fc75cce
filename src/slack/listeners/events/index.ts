// Registers every event listener. The manifest's bot_events must list exactly these
// (test/unit/manifest.test.ts keeps the two in step).
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { appHomeOpenedCallback } from './app-home-opened';
import { channelRenameCallback } from './channel-rename';
import { installationRevokedCallback } from './installation-revoked';
import { memberJoinedChannelCallback } from './member-joined-channel';
import { messageCallback } from './message';
import { reactionCallback } from './reaction';
import { teamJoinCallback } from './team-join';
import { userChangeCallback } from './user-change';

/** Event types the app listens to (message covers message.channels and message.groups). */
export const LISTENED_EVENTS = [
  'message',
  'reaction_added',
  'reaction_removed',
  'team_join',
  'member_joined_channel',
  'user_change',
  'channel_rename',
  'app_uninstalled',
  'tokens_revoked',
  'app_home_opened',
] as const;

export function register(app: App, deps: ListenerDeps): void {
  app.event('message', messageCallback(deps));
  app.event('reaction_added', reactionCallback(deps));
  app.event('reaction_removed', reactionCallback(deps));
  app.event('team_join', teamJoinCallback(deps));
  app.event('member_joined_channel', memberJoinedChannelCallback(deps));
  app.event('user_change', userChangeCallback(deps));
  app.event('channel_rename', channelRenameCallback(deps));
  app.event('app_uninstalled', installationRevokedCallback(deps));
  app.event('tokens_revoked', installationRevokedCallback(deps));
  app.event('app_home_opened', appHomeOpenedCallback(deps));
}
