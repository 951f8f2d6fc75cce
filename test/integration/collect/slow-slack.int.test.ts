// A slow or rate-limited Slack Web API never holds the answer to an event for longer than its
// lookup deadline: the activity is recorded with IDs, and the background label filler adds the
// names once Slack answers. Time is checked as order (the app answered before Slack answered
// its lookup, from the simulator's call log), not as wall-clock bounds: ack times under load
// are measured by bench/slack-stress.ts. On SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, nextTs, reactionAdded } from '../../../src/simulator/factories';
import type { ApiCall } from '../../../src/simulator/web-api-server';
import { BOT_USER_ID, startHarness, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { coldEvents } from './cold-events';
import { deliverOk, msgKey, stored } from './support';

/** The calls to `method` about `param` = `value`, as the simulator logged them (status 0: not answered yet). */
const callsAbout = (h: Harness, method: string, param: string, value: string): ApiCall[] =>
  h.sim.callsTo(method).filter((c) => c.params[param] === value);

describe.each(DATABASE_KINDS)('labels when Slack is slow (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterEach(() => {
    h.sim.resetFaults();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('users.info taking 3 s: the event is answered before Slack answers, and the name is filled in later', async () => {
    // Warm the channel, so only the member lookup is slow.
    await deliverOk(h, messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'warm up' }));
    const userId = `U0SLOW${kind === 'sqlite' ? 'S' : 'P'}`;
    h.sim.state.addUser({ id: userId, name: 'slowpoke', real_name: 'Slow Poke', profile: { display_name: 'Slowpoke' } });
    h.sim.delay('users.info', 3000);

    const event = messageEvent({ user: userId, channel: 'C0GENERAL', text: 'hello, slowly' });
    await deliverOk(h, event);
    // Asked, and still unanswered when the app answered Slack.
    expect(callsAbout(h, 'users.info', 'user', userId).map((c) => c.status)).toEqual([0]);

    const now = await stored(h, msgKey('C0GENERAL', event.ts));
    expect(now).toMatchObject({ initiator: { slackUserId: userId }, channelId: 'C0GENERAL', labelsPending: true, metadata: { channel_name: 'general', excerpt: 'hello, slowly' } });
    expect(now.metadata).not.toHaveProperty('initiator_name');

    const later = await eventually(async () => {
      const a = await stored(h, msgKey('C0GENERAL', event.ts));
      expect(a.metadata.initiator_name).toBe('Slowpoke');
      return a;
    }, 15_000, 100);
    expect(later.labelsPending).toBe(false);
    expect(later.metadata).toMatchObject({ channel_name: 'general', excerpt: 'hello, slowly' });
  });

  it('conversations.info rate-limited 3 times (Retry-After 1 s) for a new channel: recorded at once, settled later, each Retry-After waited out', async () => {
    const channelId = `C0LIMITED${kind === 'sqlite' ? 'S' : 'P'}`;
    h.sim.state.addChannel({ id: channelId, name: 'rate-limited', is_private: false, members: ['U0ANA', 'U0BO', BOT_USER_ID] });
    h.sim.rateLimit('conversations.info', { times: 3, retryAfterSec: 1 });
    // Reactions do not say what kind of channel they are in: only conversations.info knows.
    const reaction = reactionAdded({ channel: channelId, ts: nextTs(), user: 'U0ANA' }, { user: 'U0BO', reaction: 'hourglass' });
    const key = `react:${channelId}:${reaction.item.ts}:U0BO:hourglass:added:${reaction.event_ts}`;

    await deliverOk(h, reaction);
    const now = await stored(h, key);
    expect(now).toMatchObject({ type: 'slack_reaction.added', channelId, labelsPending: true, initiator: { slackUserId: 'U0BO' }, recipient: { slackUserId: 'U0ANA' } });
    expect(now.metadata).not.toHaveProperty('channel_name');

    const later = await eventually(async () => {
      const a = await stored(h, key);
      expect(a.metadata.channel_name).toBe('rate-limited');
      return a;
    }, 20_000, 100);
    // Recorded as private while unknown (hidden from non-members); public once Slack answered.
    expect(later).toMatchObject({ channelPrivate: false, labelsPending: false, metadata: { initiator_name: 'Bo', recipient_name: 'Ana', emoji: 'hourglass' } });
    // Three 429s, each waited out (no call until Retry-After passed, the wait doubling), then the answer.
    const calls = callsAbout(h, 'conversations.info', 'channel', channelId);
    expect(calls.map((c) => c.status)).toEqual([429, 429, 429, 200]);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]!.at.getTime() - calls[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(1000 * 2 ** (i - 1) - 50);
    }
  });

  it('a user Slack no longer knows (user_not_found): recorded with its id, and the filler stops asking', async () => {
    const ghost = `U0GHOST${kind === 'sqlite' ? 'S' : 'P'}`; // not in the simulator: users.info answers user_not_found
    const event = messageEvent({ user: ghost, channel: 'C0GENERAL', text: 'from a deactivated account' });
    await deliverOk(h, event);
    const settled = await eventually(async () => {
      const a = await stored(h, msgKey('C0GENERAL', event.ts));
      expect(a.labelsPending).toBe(false);
      return a;
    }, 10_000, 100);
    expect(settled).toMatchObject({ initiator: { slackUserId: ghost }, metadata: { channel_name: 'general' } });
    expect(settled.metadata).not.toHaveProperty('initiator_name');
    const asked = h.sim.callsTo('users.info').filter((c) => c.params.user === ghost).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.sim.callsTo('users.info').filter((c) => c.params.user === ghost).length).toBe(asked);
  });
});

describe.each(DATABASE_KINDS)('one lookup deadline per event, at the largest budget (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, env: { SLACK_LOOKUP_BUDGET_MS: '2500' } });
  });
  afterEach(() => {
    h.sim.resetFaults();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a reaction and a message without channel_type in new channels, Slack answering in 4 s: each is answered before Slack answers its first lookup', async () => {
    // Waiting the budget for the channel, then the budget again for the names, answered after
    // 2 x 2.5 s: after the 4 s conversations.info. One deadline for all lookups answers within 2.5 s.
    h.sim.delay('conversations.info', 4000);
    h.sim.delay('users.info', 4000);
    const events = coldEvents(h, `DL${kind === 'sqlite' ? 'S' : 'P'}`, 2);
    await Promise.all(
      events.map(async ({ event, channel }) => {
        await deliverOk(h, event);
        const lookups = callsAbout(h, 'conversations.info', 'channel', channel);
        expect(lookups.length).toBeGreaterThan(0);
        expect(lookups.every((c) => c.status === 0)).toBe(true);
      }),
    );
    for (const { sourceKey } of events) expect(await stored(h, sourceKey)).toMatchObject({ labelsPending: true, channelPrivate: true });

    h.sim.resetFaults();
    for (const { sourceKey, labels } of events) {
      await eventually(async () => {
        expect(await stored(h, sourceKey)).toMatchObject({ labelsPending: false, channelPrivate: false, metadata: labels });
      }, 20_000, 100);
    }
  });
});
