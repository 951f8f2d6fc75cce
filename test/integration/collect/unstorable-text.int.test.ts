// Text from Slack that no database stores as is: a NUL (PostgreSQL refuses it in text and
// JSON) or an unpaired UTF-16 surrogate (Prisma's query compiler refuses it in any parameter,
// on SQLite too). Slack is the source of truth, so such an event is stored with each of those
// characters replaced by U+FFFD, never answered 500 on every delivery until Slack gives up;
// what cannot be mapped is kept as a dead letter with clean kind and reason and the payload as
// received. Likewise ids far longer than Slack's and fields of shapes Slack never sends. Over
// HTTP and Socket Mode, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelRename,
  memberJoinedChannel,
  messageEvent,
  reactionAdded,
  reactionRemoved,
  teamJoin,
  tokensRevoked,
  userChange,
} from '../../../src/simulator/factories';
import { createSender } from '../../../src/simulator/sender';
import { startHarness, TEAM_ID, TEST_SIGNING_SECRET, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { byKey, deadLetterOf, envelope, msgKey } from './support';

/** Sends a body as JSON text in which `\\u0000` and `\\udXXX` escapes stand (what Slack's JSON would carry). */
async function sendText(h: Harness, raw: string) {
  return createSender().sendRaw(h.eventsUrl, TEST_SIGNING_SECRET, raw, 'application/json');
}

/** 5,000 characters of an id's alphabet that do not compress (PostgreSQL compresses index keys, so 'AAAA…' would fit). */
const LONG = (() => {
  let seed = 20261202;
  let out = '';
  for (let i = 0; i < 5_000; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[(seed >>> 16) % 36];
  }
  return out;
})();

describe.each(DATABASE_KINDS)('text no database stores as is, from Slack over HTTP (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a message with a NUL and unpaired surrogates: 200, stored with U+FFFD in their place, and found by search', async () => {
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'nul \u0000 high \ud83d low \udc00 pair 🚀' });
    const res = await h.event(envelope(event));
    expect(res.status, res.text).toBe(200);
    const stored = await byKey(h, msgKey('C0GENERAL', event.ts));
    expect(stored?.metadata.excerpt).toBe('nul \ufffd high \ufffd low \ufffd pair 🚀');
    const found = await h.app.store.activityReads.list({ workspaceId: TEAM_ID, q: 'high \ufffd low' }, { limit: 10 });
    expect(found.items.map((a) => a.id)).toEqual([stored!.id]);
  });

  it('a redelivery of such a message is a duplicate, not a second row', async () => {
    const event = messageEvent({ user: 'U0BO', channel: 'C0GENERAL', text: 'again \u0000' });
    const body = envelope(event);
    expect((await h.event(body)).status).toBe(200);
    expect((await h.event(body, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect(await h.app.store.db.activity.count({ where: { sourceKey: msgKey('C0GENERAL', event.ts) } })).toBe(1);
  });

  it('an emoji cut in two by the excerpt limit: 200, stored without the half', async () => {
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: `${'x'.repeat(278)}🚀 and more` });
    expect((await h.event(envelope(event))).status).toBe(200);
    const excerpt = (await byKey(h, msgKey('C0GENERAL', event.ts)))?.metadata.excerpt as string;
    expect(excerpt).toBe(`${'x'.repeat(278)}…`);
  });

  it('an unknown subtype holding a NUL and half a surrogate pair: kept as a dead letter, kind and reason clean, payload as received', async () => {
    const body = envelope({ ...messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'x' }), subtype: 'odd\u0000\ud800' });
    const raw = JSON.stringify(body);
    expect(raw).toContain('\\u0000\\ud800');
    const res = await sendText(h, raw);
    expect(res.status, res.text).toBe(200);
    const letter = await deadLetterOf(h, body.event_id);
    expect(letter).toMatchObject({ kind: 'message.odd\ufffd\ufffd', reason: 'unknown message subtype "odd\ufffd\ufffd"', workspaceId: TEAM_ID });
    expect(letter!.payload).toBe(raw);
  });

  it('a workspace id holding a NUL is not taken for one: the envelope’s own team id is used', async () => {
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'whose team?' });
    const body = envelope(event);
    body.authorizations = [{ ...body.authorizations![0]!, team_id: 'T0\u0000' }];
    expect((await h.event(body)).status).toBe(200);
    expect(await byKey(h, msgKey('C0GENERAL', event.ts))).toMatchObject({ workspaceId: TEAM_ID });
    expect(await h.app.store.db.workspace.count({ where: { id: { startsWith: 'T0\ufffd' } } })).toBe(0);
  });

  it.each([
    ['reaction_removed whose user is null', () => ({ ...reactionRemoved(undefined, { user: 'U0ANA' }), user: null })],
    ['reaction_added whose item is a string', () => ({ ...reactionAdded(undefined, { user: 'U0ANA' }), item: '\ud800' })],
    ['a message whose channel is null', () => ({ ...messageEvent({ user: 'U0ANA' }), channel: null })],
    ['a message whose channel is a number', () => ({ ...messageEvent({ user: 'U0ANA' }), channel: 42, user: undefined })],
  ])('%s (a shape Bolt throws on): 200, kept as a dead letter', async (_name, make) => {
    const body = envelope(make() as { type: string });
    const res = await h.event(body);
    expect(res.status, res.text).toBe(200);
    const letters = await h.app.store.db.deadLetter.findMany({ where: { payload: { contains: body.event_id } } });
    expect(letters).toEqual([expect.objectContaining({ reason: expect.stringContaining('a shape Slack never sends') })]);
  });

  it('authorizations[0] null: 200, kept as a dead letter', async () => {
    const body = { ...envelope(messageEvent({ user: 'U0ANA', channel: 'C0GENERAL' })), authorizations: [null] };
    expect((await h.event(body)).status).toBe(200);
    expect(await h.app.store.db.deadLetter.count({ where: { payload: { contains: body.event_id } } })).toBe(1);
  });

  it.each([
    ['a message in a channel whose id is 5,000 characters', () => messageEvent({ user: 'U0ANA', channel: `C${LONG}` })],
    ['a message by a user whose id is 5,000 characters', () => messageEvent({ user: `U${LONG}`, channel: 'C0GENERAL' })],
    ['a channel_rename of such a channel', () => channelRename({ id: `C${LONG}`, name: 'long' })],
    ['a channel_rename whose name holds a NUL', () => channelRename({ id: 'C0GENERAL', name: 'general\u0000' })],
    ['a channel_rename whose name is an object', () => channelRename({ id: 'C0LAUNCH', name: { a: 1 } as unknown as string })],
    ['a member_joined_channel of such a channel', () => memberJoinedChannel({ channel: `C${LONG}`, user: 'U0ANA' })],
    ['a team_join of such a user', () => teamJoin({ id: `U${LONG}` })],
    ['a user_change of such a user', () => userChange({ id: `U${LONG}` })],
    ['a user_change whose name holds a NUL and half a pair', () => userChange({ id: 'U0CY', real_name: 'Cy\u0000\ud800' })],
    ['a tokens_revoked whose bot list is not a list', () => ({ ...tokensRevoked(), tokens: { bot: 'B1' } })],
  ])('%s: 200, nothing a database refuses reaches it', async (_name, make) => {
    const res = await h.event(envelope(make() as { type: string }));
    expect(res.status, res.text).toBe(200);
  });

  it('app_uninstalled whose event_time is no time: 200, the workspace marked revoked now', async () => {
    const team = 'T0UNINSTALL';
    const body = { ...envelope({ type: 'app_uninstalled' }, { team_id: team }), event_time: 1e308 };
    body.authorizations = [{ ...body.authorizations![0]!, team_id: team }];
    const res = await h.event(body);
    expect(res.status, res.text).toBe(200);
    const revokedAt = (await h.app.store.workspaces.get(team))?.revokedAt;
    expect(Math.abs(revokedAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe.each(DATABASE_KINDS)('text no database stores as is, from Slack over Socket Mode (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, socketMode: true });
    await h.sim.socket.waitForConnection();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a message with a NUL: acknowledged, stored with U+FFFD', async () => {
    const event = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'socket \u0000 \udfff' });
    await h.sim.socket.send('events_api', envelope(event));
    expect((await byKey(h, msgKey('C0GENERAL', event.ts)))?.metadata.excerpt).toBe('socket \ufffd \ufffd');
  });

  it('an unmappable one: a dead letter keeping the payload as received (its escapes), kind clean', async () => {
    const body = envelope({ ...messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'a\u0000b' }), subtype: 'new\ud800' });
    await h.sim.socket.send('events_api', body);
    const letter = await deadLetterOf(h, body.event_id);
    expect(letter).toMatchObject({ kind: 'message.new\ufffd' });
    expect(letter!.payload).toContain('a\\u0000b');
    expect(JSON.parse(letter!.payload)).toEqual(body);
  });
});
