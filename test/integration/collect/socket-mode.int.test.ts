// Socket Mode, on SQLite and PostgreSQL: an events_api envelope is acknowledged only once its
// activity is stored (ack after commit), a redelivered envelope (retry_attempt 1) is stored
// once, an envelope met by a database outage (PostgreSQL refusing connections, SQLite
// write-locked by another process) is not acknowledged and its redelivery is stored once, and
// an unmappable one is acknowledged and kept as a dead letter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, reactionAdded, threadReply } from '../../../src/simulator/factories';
import { startHarness, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { createOutageDatabase, type OutageDatabase } from '../../support/outage';
import { byKey, deadLetterOf, envelope, msgKey } from './support';

describe.each(DATABASE_KINDS)('Socket Mode collection (%s)', (kind) => {
  let h: Harness;
  let db: OutageDatabase;

  beforeAll(async () => {
    db = await createOutageDatabase(kind);
    h = await startHarness({ kind, socketMode: true, database: db.database });
    await h.sim.socket.waitForConnection();
  });
  afterAll(async () => {
    await h?.close();
    await db?.database.drop();
  });

  it('acknowledges an events_api envelope only after the activity is stored', async () => {
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'over the socket' });
    const ack = await h.sim.socket.send('events_api', envelope(event));
    expect(ack.envelope_id).toEqual(expect.any(String));
    // No polling: the row must exist the moment the ack arrives.
    expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toMatchObject({
      type: 'slack_message.created',
      initiator: { slackUserId: 'U0ANA' },
      metadata: { excerpt: 'over the socket', channel_name: 'general', initiator_name: 'Ana' },
    });

    const reply = threadReply(event, { user: 'U0BO', text: 'socket reply' });
    await h.sim.socket.send('events_api', envelope(reply));
    expect(await byKey(h, msgKey('C0GENERAL', reply.ts))).toMatchObject({ type: 'slack_message.threaded_reply.created', recipient: { slackUserId: 'U0ANA' } });

    const reaction = reactionAdded(event, { user: 'U0CY', reaction: 'electric_plug' });
    await h.sim.socket.send('events_api', envelope(reaction));
    expect(await byKey(h, `react:C0GENERAL:${event.ts}:U0CY:electric_plug:added:${reaction.event_ts}`)).not.toBeNull();
  });

  it('waits for the listener: with users.info slow (within the lookup budget) the ack comes after it, with the name stored', async () => {
    const userId = `U0SOCK${kind === 'sqlite' ? 'S' : 'P'}`;
    h.sim.state.addUser({ id: userId, name: 'sock', real_name: 'Sock Et', profile: { display_name: 'Socket' } });
    h.sim.delay('users.info', 400);
    try {
      const event = messageEvent({ user: userId, channel: 'C0GENERAL', text: 'slow but within budget' });
      const started = Date.now();
      await h.sim.socket.send('events_api', envelope(event));
      expect(Date.now() - started).toBeGreaterThanOrEqual(380);
      expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toMatchObject({ initiator: { slackUserId: userId }, labelsPending: false, metadata: { initiator_name: 'Socket' } });
    } finally {
      h.sim.resetFaults();
    }
  });

  it('a redelivered envelope (retry_attempt 1, 2) is acknowledged and stored once', async () => {
    const event = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', text: 'sent again' });
    const body = envelope(event);
    await h.sim.socket.send('events_api', body);
    await h.sim.socket.send('events_api', body, { retryAttempt: 1, retryReason: 'timeout' });
    await Promise.all([h.sim.socket.send('events_api', body, { retryAttempt: 2, retryReason: 'timeout' }), h.sim.socket.send('events_api', body, { retryAttempt: 2, retryReason: 'timeout' })]);
    expect(await h.app.store.db.activity.count({ where: { sourceKey: msgKey('C0LAUNCH', event.ts) } })).toBe(1);
  });

  it(`while the database is down (${kind === 'postgresql' ? 'PostgreSQL refusing connections' : 'SQLite write-locked by another process'}) the envelope is not acknowledged; the redelivery is stored once`, async () => {
    await h.sim.socket.send('events_api', envelope(messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'warm' })));
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'socket outage' });
    const body = envelope(event);
    await db.outage.begin();
    try {
      await expect(h.sim.socket.send('events_api', body, { timeoutMs: 2_000 })).rejects.toThrow(/No ack/);
    } finally {
      await db.outage.end();
    }
    await h.sim.socket.send('events_api', body, { retryAttempt: 1, retryReason: 'timeout' });
    expect(await h.app.store.db.activity.count({ where: { sourceKey: msgKey('C0GENERAL', event.ts) } })).toBe(1);
  });

  it('an unmappable envelope is acknowledged and kept as a dead letter', async () => {
    const event = { ...messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: '??' }), subtype: 'totally_new_subtype' };
    const body = envelope(event);
    await h.sim.socket.send('events_api', body);
    const letter = await deadLetterOf(h, body.event_id);
    expect(letter).toMatchObject({ kind: 'message.totally_new_subtype', count: 1 });
    expect(JSON.parse(letter!.payload)).toEqual(body);
    expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toBeNull();
  });
});
