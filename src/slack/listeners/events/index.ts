// Registers every event listener. The manifest's bot_events must list exactly these
// (test/unit/manifest.test.ts keeps the two in step).
//
// Events are dispatched from ONE global middleware, on the event type, from our own table,
// instead of one app.event() listener per type: for every payload Bolt runs each listener's
// middleware chain, copying the (large) listener arguments at each step, which profiling the
// ingest bench showed as the largest per-event cost above the work itself. Bolt's built-in
// global middleware (ignoring the app's own events) still runs first; payloads that are not
// events we listen to go on to Bolt's listeners (the slash command, the block actions).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { TallyOutcome } from '../../event-tally';
import type { ListenerDeps } from '../deps';
import { appHomeOpenedCallback } from './app-home-opened';
import { channelRenameCallback } from './channel-rename';
import { teamIdOf } from './delivery';
import { installationRevokedCallback } from './installation-revoked';
import { memberJoinedChannelCallback } from './member-joined-channel';
import { messageCallback } from './message';
import { reactionCallback } from './reaction';
import { teamAccessCallback } from './team-access';
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
  'group_rename',
  'app_uninstalled',
  'tokens_revoked',
  'team_access_granted',
  'team_access_revoked',
  'app_home_opened',
] as const;

export type ListenedEvent = (typeof LISTENED_EVENTS)[number];

/** A callback returns what became of the event when it went through the collect use case. */
type Callback<E extends ListenedEvent> = (args: SlackEventMiddlewareArgs<E> & AllMiddlewareArgs) => Promise<TallyOutcome | void>;
type Callbacks = { [E in ListenedEvent]: Callback<E> };

export function eventCallbacks(deps: ListenerDeps): Callbacks {
  const reaction = reactionCallback(deps);
  const revoked = installationRevokedCallback(deps);
  const rename = channelRenameCallback(deps);
  const teamAccess = teamAccessCallback(deps);
  return {
    message: messageCallback(deps),
    reaction_added: reaction,
    reaction_removed: reaction,
    team_join: teamJoinCallback(deps),
    member_joined_channel: memberJoinedChannelCallback(deps),
    user_change: userChangeCallback(deps),
    channel_rename: rename,
    group_rename: rename,
    app_uninstalled: revoked,
    tokens_revoked: revoked,
    team_access_granted: teamAccess,
    team_access_revoked: teamAccess,
    app_home_opened: appHomeOpenedCallback(deps),
  };
}

const LISTENED = new Set<string>(LISTENED_EVENTS);

function isListened(type: string): type is ListenedEvent {
  return LISTENED.has(type);
}

export function register(app: App, deps: ListenerDeps): void {
  const callbacks = eventCallbacks(deps);
  app.use(async (args) => {
    const event = (args as { event?: { type?: unknown } }).event;
    const type = typeof event?.type === 'string' ? event.type : undefined;
    if (args.body.type !== 'event_callback' || type === undefined || !isListened(type)) {
      await args.next();
      return;
    }
    const { tally } = deps;
    tally?.received(teamIdOf(args.body, args.context), type);
    let outcome: TallyOutcome | void;
    try {
      // The table is keyed by the same type Bolt's argument carries, so the pairing holds.
      outcome = await (callbacks[type] as Callback<ListenedEvent>)(args as unknown as SlackEventMiddlewareArgs<ListenedEvent> & AllMiddlewareArgs);
    } catch (error) {
      tally?.failed();
      throw error;
    }
    tally?.outcome(outcome ?? 'handled');
  });
}
