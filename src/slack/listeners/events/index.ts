// Registers every event listener. The manifest's bot_events must list exactly these
// (test/unit/manifest.test.ts keeps the two in step).
//
// ONE Bolt listener for all of them, dispatching on the event type from a table: Bolt runs
// every registered listener's middleware chain for every payload (copying the listener
// arguments at each step), so ten app.event() registrations cost ten chains per event. On the
// ingest hot path that was the largest single cost above a bare Bolt app (see bench/ingest.ts).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
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

export type ListenedEvent = (typeof LISTENED_EVENTS)[number];

type Callback<E extends ListenedEvent> = (args: SlackEventMiddlewareArgs<E> & AllMiddlewareArgs) => Promise<void>;
type Callbacks = { [E in ListenedEvent]: Callback<E> };

export function eventCallbacks(deps: ListenerDeps): Callbacks {
  const reaction = reactionCallback(deps);
  const revoked = installationRevokedCallback(deps);
  return {
    message: messageCallback(deps),
    reaction_added: reaction,
    reaction_removed: reaction,
    team_join: teamJoinCallback(deps),
    member_joined_channel: memberJoinedChannelCallback(deps),
    user_change: userChangeCallback(deps),
    channel_rename: channelRenameCallback(deps),
    app_uninstalled: revoked,
    tokens_revoked: revoked,
    app_home_opened: appHomeOpenedCallback(deps),
  };
}

const LISTENED = new Set<string>(LISTENED_EVENTS);

function isListened(type: string): type is ListenedEvent {
  return LISTENED.has(type);
}

export function register(app: App, deps: ListenerDeps): void {
  const callbacks = eventCallbacks(deps);
  // A RegExp event name makes Bolt match every event type; the table decides.
  app.event(/^/, async (args) => {
    const type = args.event.type;
    if (!isListened(type)) return;
    // The table is keyed by the same type Bolt's argument carries, so the pairing holds.
    await (callbacks[type] as Callback<ListenedEvent>)(args as SlackEventMiddlewareArgs<ListenedEvent> & AllMiddlewareArgs);
  });
}
