// A deletion wins whatever the order the events arrive in. Slack redelivers an event it could not
// hand over (an outage, a 5xx) after the member may already have deleted the message: the
// original, a reply, a broadcast or an edit that is recorded AFTER its deletion must be stored
// already scrubbed (no text in its metadata, no searchText, deleted_at on the post), over real
// signed HTTP into the real app, on SQLite and PostgreSQL, and with two replicas at once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  messageChanged,
  messageDeleted,
  messageEvent,
  threadBroadcast,
  threadReply,
  tsToDate,
} from '../../../src/simulator/factories';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { apiGet, deliverOk, msgKey, stored } from './support';

/** Every stored row about a message (its post, its edits, its deletion), raw: metadata and searchText as on disk. */
async function rawRows(h: Harness, channel: string, ts: string) {
  return h.app.store.db.activity.findMany({
    where: {
      workspaceId: TEAM_ID,
      OR: [{ sourceKey: `msg:${channel}:${ts}` }, { sourceKey: `delete:${channel}:${ts}` }, { sourceKey: { startsWith: `edit:${channel}:${ts}:` } }],
    },
    select: { type: true, sourceKey: true, metadata: true, searchText: true },
  });
}

/** Fails when `word` is anywhere in what is stored about the message. */
async function expectNoTrace(h: Harness, channel: string, ts: string, word: string, rows: number): Promise<void> {
  const found = await rawRows(h, channel, ts);
  expect(found).toHaveLength(rows);
  expect(JSON.stringify(found)).not.toContain(word);
  for (const row of found) if (row.type !== 'slack_message.deleted') expect(row.searchText, row.sourceKey).toBeNull();
  const search = await apiGet(h, `/activities?q=${word}`);
  expect(search.status).toBe(200);
  expect(search.body.activities).toEqual([]);
}

describe.each(DATABASE_KINDS)('a deletion recorded before what it deletes (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('deletion, then the original message: the original is stored scrubbed, marked deleted', async () => {
    const word = `okapi${kind}`;
    const original = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: `my ${word} secret`, team: TEAM_ID });
    const deletion = messageDeleted(original);
    await deliverOk(h, deletion);
    await deliverOk(h, original);

    const post = await stored(h, msgKey('C0GENERAL', original.ts));
    expect(post).toMatchObject({ type: 'slack_message.created', initiator: { slackUserId: 'U0ANA' }, metadata: { excerpt: '', channel_name: 'general' } });
    expect(post.metadata.deleted_at).toBe(tsToDate(deletion.event_ts).toISOString());
    expect(await stored(h, `delete:C0GENERAL:${original.ts}`)).toMatchObject({ type: 'slack_message.deleted', initiator: { slackUserId: 'U0ANA' } });
    await expectNoTrace(h, 'C0GENERAL', original.ts, word, 2);
  });

  it('deletion, then a reply and a thread_broadcast: both stored scrubbed', async () => {
    const word = `quokka${kind}`;
    const parent = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: 'a thread', team: TEAM_ID });
    const reply = threadReply(parent, { user: 'U0BO', team: TEAM_ID, text: `reply with ${word}` });
    const broadcast = threadBroadcast(parent, { user: 'U0CY', text: `broadcast with ${word}` });
    await deliverOk(h, parent);
    await deliverOk(h, messageDeleted(reply));
    await deliverOk(h, messageDeleted(broadcast));
    await deliverOk(h, reply);
    await deliverOk(h, broadcast);

    for (const message of [reply, broadcast]) {
      const row = await stored(h, msgKey('C0GENERAL', message.ts));
      expect(row.type).toBe('slack_message.threaded_reply.created');
      expect(row.metadata).toMatchObject({ excerpt: '', deleted_at: expect.any(String) });
      await expectNoTrace(h, 'C0GENERAL', message.ts, word, 2);
    }
  });

  it('deletion, then an edit (and then the original): neither holds the text', async () => {
    const word = `axolotl${kind}`;
    const original = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', text: `first ${word}`, team: TEAM_ID });
    const edit = messageChanged(original, { text: `second ${word}` });
    await deliverOk(h, messageDeleted({ ...original, text: `second ${word}` }));
    await deliverOk(h, edit);
    const edited = await stored(h, `edit:C0LAUNCH:${original.ts}:${edit.message.edited!.ts}`);
    expect(edited.metadata).toMatchObject({ excerpt: '', previous_excerpt: '' });
    await expectNoTrace(h, 'C0LAUNCH', original.ts, word, 2);

    await deliverOk(h, original);
    await expectNoTrace(h, 'C0LAUNCH', original.ts, word, 3);
  });

  it('a redelivered original after its deletion stays scrubbed (stored once)', async () => {
    const word = `pangolin${kind}`;
    const original = messageEvent({ user: 'U0CY', channel: 'C0GENERAL', text: `oops ${word}`, team: TEAM_ID });
    await deliverOk(h, original);
    await deliverOk(h, messageDeleted(original));
    await deliverOk(h, original, { retryNum: 1, retryReason: 'http_timeout' });
    await expectNoTrace(h, 'C0GENERAL', original.ts, word, 2);
  });

  it('deletion and original delivered at the same moment (one group commit or two): scrubbed', async () => {
    const words: string[] = [];
    const messages = Array.from({ length: 12 }, (_, i) => {
      const word = `narwhal${kind}${i}x`;
      words.push(word);
      return messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: `text ${word}`, team: TEAM_ID });
    });
    await Promise.all(messages.flatMap((m) => [deliverOk(h, messageDeleted(m)), deliverOk(h, m)]));
    for (const [i, m] of messages.entries()) await expectNoTrace(h, 'C0GENERAL', m.ts, words[i]!, 2);
  });
});

describe('two replicas on one PostgreSQL database: one records the deletion while the other records the original', () => {
  let first: Harness;
  let second: Harness;

  beforeAll(async () => {
    first = await startHarness({ kind: 'postgresql' });
    second = await startHarness({ kind: 'postgresql', sim: first.sim, database: first.database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('a deletion committed while another replica is still inserting the original waits for that insert, then scrubs it', async () => {
    // The other replica's insert took its snapshot before the deletion committed, so it cannot
    // see the deletion and writes the text; it commits only after the deletion did.
    const word = `dugong${Date.now()}`;
    const original = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', text: `late ${word}`, team: TEAM_ID });
    const author = await first.app.store.members.ensureSlackMember(TEAM_ID, 'U0ANA');
    const other = new pg.Client({ connectionString: first.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO "Activity" ("id", "workspaceId", "type", "version", "occurredAt", "receivedAt", "initiatorId", "channelId", "channelPrivate", "metadata", "searchText", "source", "sourceKey", "labelsPending")
         VALUES ($1, $2, 'slack_message.created', 1, $3, now(), $4, 'C0GENERAL', false, $5::jsonb, $6, 'slack', $7, false)`,
        [
          `act_race_${Date.now()}`,
          TEAM_ID,
          tsToDate(original.ts),
          author,
          JSON.stringify({ team_id: TEAM_ID, channel_id: 'C0GENERAL', message_ts: original.ts, excerpt: `late ${word}` }),
          `late ${word} general`,
          msgKey('C0GENERAL', original.ts),
        ],
      );
      const started = Date.now();
      const commitLater = new Promise<void>((resolve, reject) => {
        setTimeout(() => other.query('COMMIT').then(() => resolve(), reject), 400);
      });
      await deliverOk(second, messageDeleted(original));
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      await commitLater;
    } finally {
      await other.end();
    }
    await expectNoTrace(first, 'C0GENERAL', original.ts, word, 2);
  });

  it('never leaves the deleted text in the original, however the two commits interleave', async () => {
    for (let round = 0; round < 4; round++) {
      const messages = Array.from({ length: 10 }, (_, i) =>
        messageEvent({ user: 'U0BO', channel: 'C0GENERAL', text: `race ${round} ${i} wombat${round}x${i}y`, team: TEAM_ID }),
      );
      await Promise.all(
        messages.flatMap((m, i) => (i % 2 === 0 ? [deliverOk(first, messageDeleted(m)), deliverOk(second, m)] : [deliverOk(second, messageDeleted(m)), deliverOk(first, m)])),
      );
      for (const [i, m] of messages.entries()) await expectNoTrace(first, 'C0GENERAL', m.ts, `wombat${round}x${i}y`, 2);
    }
  });
});
