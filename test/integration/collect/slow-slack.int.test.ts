// A slow or rate-limited Slack Web API never delays the answer to an event: the activity is
// recorded at once with IDs, and the background label filler adds the names once Slack
// answers. On SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, nextTs, reactionAdded } from '../../../src/simulator/factories';
import { BOT_USER_ID, startHarness, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { deliverOk, msgKey, stored } from './support';

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

  it('users.info taking 3 s: the event is answered well under 3 s, the name is filled in later', async () => {
    // Warm the channel, so only the member lookup is slow.
    await deliverOk(h, messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'warm up' }));
    const userId = `U0SLOW${kind === 'sqlite' ? 'S' : 'P'}`;
    h.sim.state.addUser({ id: userId, name: 'slowpoke', real_name: 'Slow Poke', profile: { display_name: 'Slowpoke' } });
    h.sim.delay('users.info', 3000);

    const event = messageEvent({ user: userId, channel: 'C0GENERAL', text: 'hello, slowly' });
    const started = Date.now();
    await deliverOk(h, event);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2000);

    const now = await stored(h, msgKey('C0GENERAL', event.ts));
    expect(now).toMatchObject({ initiator: { slackUserId: userId }, channelId: 'C0GENERAL', labelsPending: true, metadata: { channel_name: 'general', excerpt: 'hello, slowly' } });
    expect(now.metadata).not.toHaveProperty('initiator_name');

    const later = await eventually(async () => {
      const a = await stored(h, msgKey('C0GENERAL', event.ts));
      expect(a.metadata.initiator_name).toBe('Slowpoke');
      return a;
    }, 10_000, 100);
    expect(later.labelsPending).toBe(false);
    expect(later.metadata).toMatchObject({ channel_name: 'general', excerpt: 'hello, slowly' });
  });

  it('conversations.info rate-limited 3 times (Retry-After 1 s) for a new channel: answered at once, channel settled later', async () => {
    const channelId = `C0LIMITED${kind === 'sqlite' ? 'S' : 'P'}`;
    h.sim.state.addChannel({ id: channelId, name: 'rate-limited', is_private: false, members: ['U0ANA', 'U0BO', BOT_USER_ID] });
    h.sim.rateLimit('conversations.info', { times: 3, retryAfterSec: 1 });
    // Reactions do not say what kind of channel they are in: only conversations.info knows.
    const reaction = reactionAdded({ channel: channelId, ts: nextTs(), user: 'U0ANA' }, { user: 'U0BO', reaction: 'hourglass' });
    const key = `react:${channelId}:${reaction.item.ts}:U0BO:hourglass:added:${reaction.event_ts}`;

    const started = Date.now();
    await deliverOk(h, reaction);
    expect(Date.now() - started).toBeLessThan(2000);

    const now = await stored(h, key);
    expect(now).toMatchObject({ type: 'slack_reaction.added', channelId, labelsPending: true, initiator: { slackUserId: 'U0BO' }, recipient: { slackUserId: 'U0ANA' } });
    expect(now.metadata).not.toHaveProperty('channel_name');

    const later = await eventually(async () => {
      const a = await stored(h, key);
      expect(a.metadata.channel_name).toBe('rate-limited');
      return a;
    }, 10_000, 100);
    // Recorded as private while unknown (hidden from non-members); public once Slack answered.
    expect(later).toMatchObject({ channelPrivate: false, labelsPending: false, metadata: { initiator_name: 'Bo', recipient_name: 'Ana', emoji: 'hourglass' } });
    expect(h.sim.callsTo('conversations.info').filter((c) => c.params.channel === channelId && c.status === 429).length).toBeGreaterThan(0);
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
