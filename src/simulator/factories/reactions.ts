// reaction_added / reaction_removed on a message.
import { DEFAULT_CHANNEL_ID, DEFAULT_USER_ID } from './defaults';
import { nextTs } from './ts';
import type { ReactionEvent, ReactionItem } from './types';

/** The reacted-to message: a message event (or anything with channel, ts and user). */
export interface ReactedMessage {
  channel: string;
  ts: string;
  user?: string;
}

function reaction<T extends 'reaction_added' | 'reaction_removed'>(type: T, target: ReactedMessage | undefined, overrides: Partial<ReactionEvent<T>>): ReactionEvent<T> {
  const item: ReactionItem = { type: 'message', channel: target?.channel ?? DEFAULT_CHANNEL_ID, ts: target?.ts ?? nextTs() };
  return {
    type,
    user: DEFAULT_USER_ID,
    reaction: 'thumbsup',
    item_user: target?.user ?? DEFAULT_USER_ID,
    item,
    event_ts: nextTs(),
    ...overrides,
  };
}

/** Someone added `reaction` to `target` (default: a message by the default user). */
export function reactionAdded(target?: ReactedMessage, overrides: Partial<ReactionEvent<'reaction_added'>> = {}): ReactionEvent<'reaction_added'> {
  return reaction('reaction_added', target, overrides);
}

/** Someone removed their reaction from `target`. */
export function reactionRemoved(target?: ReactedMessage, overrides: Partial<ReactionEvent<'reaction_removed'>> = {}): ReactionEvent<'reaction_removed'> {
  return reaction('reaction_removed', target, overrides);
}
