// Events that need Slack on the hot path: from members and in channels the app has never seen
// (cold caches), of the kinds that do not say what kind of channel they are in (reactions, and
// messages without channel_type), so each one asks conversations.info before it can be
// recorded, and users.info for its names. Shared by the slow / rate-limited / unreachable
// Slack suites.
import { expect } from 'vitest';
import { messageEvent, nextTs, reactionAdded } from '../../../src/simulator/factories';
import { BOT_USER_ID, TEAM_ID, type Harness } from '../../support/app-harness';
import { deliver, msgKey } from './support';

export interface ColdEvent {
  event: { type: string };
  channel: string;
  sourceKey: string;
  /** The labels it gets once Slack answers. */
  labels: Record<string, string>;
}

/**
 * `n` events, each from a new member in a new channel (both known to the simulator): even ones
 * reactions to a message by another new member, odd ones messages without channel_type.
 */
export function coldEvents(h: Harness, prefix: string, n: number): ColdEvent[] {
  const events: ColdEvent[] = [];
  for (let i = 0; i < n; i++) {
    const user = `U${prefix}${i}`;
    const author = `U${prefix}${i}A`;
    const channel = `C${prefix}${i}`;
    for (const id of [user, author]) h.sim.state.addUser({ id, team_id: TEAM_ID, name: id.toLowerCase(), profile: { display_name: `${id.toLowerCase()}-name` } });
    h.sim.state.addChannel({ id: channel, team_id: TEAM_ID, name: `${prefix.toLowerCase()}-${i}`, is_private: false, members: [user, author, BOT_USER_ID] });
    if (i % 2 === 0) {
      const reaction = reactionAdded({ channel, ts: nextTs(), user: author }, { user, reaction: 'eyes' });
      events.push({
        event: reaction,
        channel,
        sourceKey: `react:${channel}:${reaction.item.ts}:${user}:eyes:added:${reaction.event_ts}`,
        labels: { channel_name: `${prefix.toLowerCase()}-${i}`, initiator_name: `${user.toLowerCase()}-name`, recipient_name: `${author.toLowerCase()}-name` },
      });
    } else {
      const { channel_type: _, ...message } = messageEvent({ user, channel, text: `cold message ${i}` });
      events.push({ event: message, channel, sourceKey: msgKey(channel, message.ts), labels: { channel_name: `${prefix.toLowerCase()}-${i}`, initiator_name: `${user.toLowerCase()}-name` } });
    }
  }
  return events;
}

/** Delivers every event from `concurrency` senders and expects Slack's 200 for each. */
export async function deliverAll(h: Harness, events: ColdEvent[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const { event } = events[next++]!;
        const { res } = await deliver(h, event);
        expect(res.status, res.text).toBe(200);
      }
    }),
  );
}
