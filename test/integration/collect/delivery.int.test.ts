// Delivery guarantees of the Events API endpoint, on SQLite and PostgreSQL: Slack's retries,
// concurrent duplicates and a second replica store an event once; forged or replayed requests
// store nothing; a payload that cannot be mapped is answered 200 and kept whole as a dead
// letter (a redelivery bumps its count); and while the database is down (PostgreSQL refusing
// connections, SQLite write-locked by another process) the event is refused (so Slack
// retries), the API and /readyz answer 503 without the driver's details, then the retry is
// stored once when it is back, without restarting the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, reactionAdded } from '../../../src/simulator/factories';
import { BOT_USER_ID, startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { createOutageDatabase, type OutageDatabase } from '../../support/outage';
import { byKey, deadLetterCount, deadLetterOf, deliver, deliverOk, envelope, msgKey, stored } from './support';

const rowsWithKey = (h: Harness, sourceKey: string) => h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID, sourceKey } });

describe.each(DATABASE_KINDS)('Events API delivery guarantees (%s)', (kind) => {
  let h: Harness;
  let db: OutageDatabase;

  beforeAll(async () => {
    // PostgreSQL through a TCP proxy the outage tests can cut; SQLite as is (another process locks it).
    db = await createOutageDatabase(kind);
    h = await startHarness({ kind, database: db.database });
  });
  afterAll(async () => {
    await h?.close();
    await db?.database.drop();
  });

  describe('exactly once', () => {
    it("Slack's retries (X-Slack-Retry-Num 1, 2) of a stored event: 200 each time, one row", async () => {
      const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'retried' });
      const body = envelope(event);
      const answers = [await h.event(body), await h.event(body, { retryNum: 1, retryReason: 'http_timeout' }), await h.event(body, { retryNum: 2, retryReason: 'http_error' })];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(await rowsWithKey(h, msgKey('C0GENERAL', event.ts))).toBe(1);
    });

    it('the same event delivered 10 times at once (new channel, new member): one row', async () => {
      h.sim.state.addUser({ id: 'U0RUSH', name: 'rush', real_name: 'Rush Hour', profile: { display_name: 'Rush' } });
      h.sim.state.addChannel({ id: 'C0RUSH', name: 'rush', is_private: false, members: ['U0RUSH', BOT_USER_ID] });
      const event = messageEvent({ user: 'U0RUSH', channel: 'C0RUSH', text: 'all at once' });
      const body = envelope(event);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => h.event(body, i === 0 ? {} : { retryNum: i })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(await rowsWithKey(h, msgKey('C0RUSH', event.ts))).toBe(1);
      expect(await h.app.store.db.member.count({ where: { workspaceId: TEAM_ID, slackUserId: 'U0RUSH' } })).toBe(1);
      const reaction = reactionAdded(event, { user: 'U0ANA', reaction: 'zap' });
      const reactionBody = envelope(reaction);
      const reactionAnswers = await Promise.all(Array.from({ length: 10 }, () => h.event(reactionBody)));
      expect(reactionAnswers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(await h.app.store.db.activity.count({ where: { workspaceId: TEAM_ID, sourceKey: { startsWith: `react:C0RUSH:${event.ts}:` } } })).toBe(1);
    });

    describe('a second app instance on the same database', () => {
      let h2: Harness;
      beforeAll(async () => {
        h2 = await startHarness({ kind, database: h.database, sim: h.sim });
      });
      afterAll(async () => {
        await h2?.close();
      });

      it('receiving the same event as the first (one after the other, and at once): one row', async () => {
        const first = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', text: 'to both replicas' });
        const body = envelope(first);
        expect((await h.event(body)).status).toBe(200);
        expect((await h2.event(body, { retryNum: 1 })).status).toBe(200);
        expect(await rowsWithKey(h, msgKey('C0LAUNCH', first.ts))).toBe(1);

        const second = messageEvent({ user: 'U0CY', channel: 'C0LAUNCH', text: 'raced by both replicas' });
        const raced = envelope(second);
        const answers = await Promise.all([h.event(raced), h2.event(raced), h.event(raced), h2.event(raced)]);
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
        expect(await rowsWithKey(h2, msgKey('C0LAUNCH', second.ts))).toBe(1);
        expect(await stored(h2, msgKey('C0LAUNCH', second.ts))).toMatchObject({ initiator: { slackUserId: 'U0CY' }, metadata: { excerpt: 'raced by both replicas' } });
      });
    });
  });

  describe('requests Slack did not sign', () => {
    it('a bad signature: 401, nothing stored', async () => {
      const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'forged' });
      const dead = await deadLetterCount(h);
      const { res } = await deliver(h, event, { signatureOverride: 'v0=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' });
      expect(res.status).toBe(401);
      expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toBeNull();
      expect(await deadLetterCount(h)).toBe(dead);
    });

    it('a stale timestamp (10 minutes old, correctly signed): 401, nothing stored', async () => {
      const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'replayed' });
      const { res } = await deliver(h, event, { timestampSec: Math.floor(Date.now() / 1000) - 600 });
      expect(res.status).toBe(401);
      expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toBeNull();
    });
  });

  describe('payloads that cannot be mapped', () => {
    it('an unknown message subtype: 200, kept whole as a dead letter; a redelivery bumps its count', async () => {
      const event = { ...messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'from the future' }), subtype: 'totally_new_subtype' };
      const before = await deadLetterCount(h);
      const { body, res } = await deliverOk(h, event);
      expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toBeNull();
      const letter = await deadLetterOf(h, body.event_id);
      expect(letter).toMatchObject({ workspaceId: TEAM_ID, source: 'slack_event', kind: 'message.totally_new_subtype', count: 1 });
      expect(letter!.reason).toContain('totally_new_subtype');
      expect(JSON.parse(letter!.payload)).toEqual(body);

      expect((await h.event(body, { retryNum: 1 })).status).toBe(200);
      expect((await h.event(body, { retryNum: 2 })).status).toBe(200);
      const again = await deadLetterOf(h, body.event_id);
      expect(again).toMatchObject({ id: letter!.id, count: 3 });
      expect(again!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(letter!.lastSeenAt.getTime());
      expect(await deadLetterCount(h)).toBe(before + 1);
    });

    it('a message without a user: 200 and a dead letter with the reason', async () => {
      const { user: _user, ...event } = messageEvent({ channel: 'C0GENERAL', text: 'who wrote this?' });
      const { body } = await deliverOk(h, event);
      const letter = await deadLetterOf(h, body.event_id);
      expect(letter).toMatchObject({ kind: 'message', count: 1 });
      expect(letter!.reason).toMatch(/no user/);
      expect(JSON.parse(letter!.payload)).toEqual(body);
      expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toBeNull();
    });
  });

  describe(`the database goes down (${kind === 'postgresql' ? 'PostgreSQL refusing connections' : 'SQLite write-locked by another process'})`, () => {
    afterAll(async () => {
      await db.outage.end().catch(() => undefined);
    });

    it('answers non-2xx while it is down (Slack retries), then stores the retry exactly once, without a restart', async () => {
      // Warm every cache first, so the outage is met at the write itself.
      await deliverOk(h, messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'before the outage' }));
      const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'during the outage' });
      const body = envelope(event);

      await db.outage.begin();
      try {
        const refused = await h.event(body);
        // 503 with Retry-After and no driver detail: Slack redelivers, nothing leaks.
        expect(refused.status, refused.text).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.json).toMatchObject({ error: { code: 'store_unavailable' } });
      } finally {
        await db.outage.end();
      }

      expect(await rowsWithKey(h, msgKey('C0GENERAL', event.ts))).toBe(0);
      const retried = await h.event(body, { retryNum: 1, retryReason: 'http_error' });
      expect(retried.status, retried.text).toBe(200);
      expect(await rowsWithKey(h, msgKey('C0GENERAL', event.ts))).toBe(1);
      expect((await h.event(body, { retryNum: 2, retryReason: 'http_error' })).status).toBe(200);
      expect(await rowsWithKey(h, msgKey('C0GENERAL', event.ts))).toBe(1);
    });

    it('the API answers 503 store_unavailable with Retry-After, and /readyz 503 with a generic reason; the details are not shown', async () => {
      const award = (externalId: string) => ({
        type: 'award.given',
        occurred_at: '2026-05-01T12:00:00Z',
        initiator: { slack_user_id: 'U0ANA' },
        recipient: { slack_user_id: 'U0BO' },
        metadata: { award_id: 'helpful', award_name: 'Helpful', points: 10, message: 'thanks', url: 'https://community.example.com/awards/helpful' },
        external_id: externalId,
      });
      const post = (externalId: string) =>
        h.api('/api/v1/activities', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(award(externalId)) });
      expect((await post('award-before')).status).toBe(201);
      const databaseName = new URL(db.directUrl).pathname.split('/').pop()!;

      await db.outage.begin();
      try {
        const refused = await post('award-during');
        const text = await refused.text();
        expect(refused.status, text).toBe(503);
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(JSON.parse(text)).toMatchObject({ error: { code: 'store_unavailable' } });
        expect(text).not.toContain(databaseName);
        expect(text).not.toMatch(/127\.0\.0\.1|SQLITE|P10\d\d|invocation/);
        if (kind === 'postgresql') {
          // Reads need the server too (SQLite under WAL reads on while another process writes).
          const read = await h.api('/api/v1/activities?limit=1');
          expect(read.status).toBe(503);
          expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
        }

        const ready = await fetch(`${h.app.url}/readyz`);
        const readyText = await ready.text();
        expect(ready.status).toBe(503);
        expect(JSON.parse(readyText)).toEqual({ ok: false, reason: 'database unavailable' });
        expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(readyText).not.toContain(databaseName);
      } finally {
        await db.outage.end();
      }

      expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
      const again = await post('award-during');
      expect(again.status, await again.clone().text()).toBe(201);
    });
  });
});
