// Input the databases cannot take, sent to the API on both databases: text with a NUL or an
// unpaired UTF-16 surrogate, instants outside the years 1 to 9999, crafted cursors. Each is a
// clear 400 or 422 naming what is wrong, never a 500, and nothing is stored. Also member
// search, which is the same on both databases: case-insensitive, `%` and `_` literal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { activityCount, get, post, validItem } from './support';

const UNSTORABLE = expect.stringContaining('cannot be stored');
const cursorOf = (json: string) => Buffer.from(json).toString('base64url');

describe.each(DATABASE_KINDS)('input the database cannot store (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
    const created = await post(h, '/activities', validItem('post.created', { external_id: 'seed-1' }));
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('ingest bodies', () => {
    it('a NUL in metadata: 422 naming the field, nothing stored', async () => {
      const before = await activityCount(h, TEAM_ID);
      const item = validItem('award.given');
      const res = await post(h, '/activities', { ...item, metadata: { ...(item.metadata as object), award_name: 'Help\u0000ful' } });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('activity_invalid_metadata');
      expect(res.body.error.issues).toContainEqual({ path: 'metadata.award_name', message: UNSTORABLE });
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it('lone surrogates and NULs in names, external ids and keys: every field named, nothing stored', async () => {
      const before = await activityCount(h, TEAM_ID);
      const item = validItem('award.given');
      // Written as JSON text: the escapes are how a sender's JSON carries these characters.
      const raw = JSON.stringify({ ...item, initiator: { email: 'dana@example.com', name: 'Dana' }, external_id: 'x' })
        .replace('"name":"Dana"', '"name":"Dana \\ud83d"')
        .replace('"external_id":"x"', '"external_id":"ext-\\u0000"')
        .replace('"award_id":', '"award\\udc00_id":"x","award_id":');
      const res = await post(h, '/activities', raw);
      expect(res.status).toBe(400);
      const paths = res.body.error.issues.filter((i: { message: string }) => i.message.includes('cannot be stored')).map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['initiator.name', 'external_id', 'metadata.award\ufffd_id']));
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it('a batch with one such item: refused whole, the item and field named', async () => {
      const before = await activityCount(h, TEAM_ID);
      const good = validItem('post.created', { external_id: 'batch-good' });
      const bad = validItem('post.created', { external_id: 'batch-\u0000' });
      const res = await post(h, '/activities/batch', { activities: [good, bad] });
      expect(res.status).toBe(400);
      expect(res.body.error.items).toEqual([expect.objectContaining({ index: 1, issues: expect.arrayContaining([{ path: 'external_id', message: UNSTORABLE }]) })]);
      expect(res.body.error.issues).toContainEqual({ path: 'activities.1.external_id', message: UNSTORABLE });
      expect(await activityCount(h, TEAM_ID)).toBe(before);
    });

    it.each([
      ['in the year 0 once its offset is applied', '0001-01-01T00:30:00+01:00'],
      ['in the year 0', '0000-06-01T00:00:00Z'],
    ])('an occurred_at %s: 400 naming occurred_at', async (_name, occurredAt) => {
      const res = await post(h, '/activities', validItem('post.created', { occurred_at: occurredAt }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toContainEqual({ path: 'occurred_at', message: expect.stringContaining('between the years 1 and 9999') });
    });
  });

  describe('query parameters and ids', () => {
    it.each([
      ['/activities?q=%00', 'query.q'],
      ['/activities?q=a%00', 'query.q'],
      ['/activities?member=%00', 'query.member'],
      ['/activities?channel=C0%00', 'query.channel'],
      ['/activities?type=post.created&type=%00', 'query.type'],
      ['/activities?cursor=%00', 'query.cursor'],
      ['/export?q=%00', 'query.q'],
      ['/members?q=%00', 'query.q'],
      ['/activities/%00', 'path.id'],
      ['/activities/act_%00', 'path.id'],
      ['/members/%00', 'path.id'],
    ])('GET %s: 400 naming %s', async (path, named) => {
      const res = await get(h, path);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.issues).toContainEqual({ path: named, message: UNSTORABLE });
    });

    it.each(['/activities/%', '/members/%FF', '/activity-types/%ED%A0%80'])('GET %s (percent-encoding that does not decode): 400 naming the path', async (path) => {
      const res = await get(h, path);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'path', message: expect.any(String) }] });
    });

    it('q=%00 never matches every row (SQLite read a NUL as the end of the pattern)', async () => {
      const res = await get(h, '/activities?q=%00');
      expect(res.status).toBe(400);
      expect(res.body.activities).toBeUndefined();
    });

    it.each([
      ['year 10000', cursorOf(`[${Date.parse('+010000-01-01T00:00:00Z')},"act_01JDXYZABCDEFGHJKMNPQRSTVW"]`)],
      ['year 0', cursorOf(`[${Date.parse('0000-06-01T00:00:00Z')},"act_01JDXYZABCDEFGHJKMNPQRSTVW"]`)],
      ['far in the past', cursorOf('[-8000000000000000,"act_x"]')],
      ['an id with a NUL', cursorOf('[0,"act_\\u0000"]')],
    ])('GET /activities with a crafted cursor (%s): 400 naming cursor', async (_name, cursor) => {
      const res = await get(h, `/activities?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_cursor', issues: [{ path: 'cursor', message: expect.any(String) }] });
    });

    it.each([
      ['garbage', 'garbage'],
      ['a member id', 'm_T0TESTTEAM_U0ANA'],
      ['an id with a NUL', cursorOf('{"after":"\\u0000"}')],
    ])('GET /members with a crafted cursor (%s): 400 naming cursor', async (_name, cursor) => {
      const res = await get(h, `/members?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_cursor', issues: [{ path: 'cursor', message: expect.any(String) }] });
    });

    it.each([
      ['since in the year 0', '/stats?since=0000-01-01', 'query.since'],
      ['until in the year 0', '/activities?until=0000-12-31T23:00:00Z', 'query.until'],
      ['since in the year 0 once its offset is applied', '/export?since=0001-01-01T00:00:00%2B14:00', 'query.since'],
    ])('%s: 400 naming it', async (_name, path, named) => {
      const res = await get(h, path);
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toContainEqual({ path: named, message: expect.stringContaining('between the years 1 and 9999') });
    });

    it('stats at either end of the years the store holds: 200, the default range kept inside them', async () => {
      const late = await get(h, '/stats?since=9999-12-30');
      expect(late.status).toBe(200);
      expect(late.body.until).toBe('9999-12-31T23:59:59.999Z');
      const early = await get(h, '/stats?until=0001-01-02');
      expect(early.status).toBe(200);
      expect(early.body.since).toBe('0001-01-01T00:00:00.000Z');
    });
  });
});

describe.each(DATABASE_KINDS)('member search (%s)', (kind) => {
  let h: Harness;
  const names = ['Ana 100%', 'Ana 1000', 'a_b', 'aXb', 'Émile Zola', 'ÉMILE ROY', 'emile', 'Kim 🚀 Lee', 'back\\slash'];

  beforeAll(async () => {
    h = await startHarness({ kind });
    for (const [i, name] of names.entries()) {
      await h.app.store.members.ensureByIdentity(TEAM_ID, { externalId: `search-${i}`, name });
    }
    // A member known by name and email, and a Slack member.
    await h.app.store.members.ensureByIdentity(TEAM_ID, { email: 'Rui.Costa@Example.com', name: 'Rui' });
    await h.app.store.members.ensureSlackMember(TEAM_ID, 'U0SEARCH', { displayName: 'Searcher', realName: 'Sam Search' });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function search(q: string): Promise<string[]> {
    const found: string[] = [];
    let cursor: string | null = null;
    // Small pages, so paging through matches is exercised too.
    do {
      const res: { status: number; body: any } = await get(h, `/members?limit=2&q=${encodeURIComponent(q)}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      found.push(...res.body.members.map((m: { name: string }) => m.name));
      cursor = res.body.next_cursor;
    } while (cursor);
    return found.sort();
  }

  it.each([
    ['100%', ['Ana 100%']],
    ['%', ['Ana 100%']],
    ['a_b', ['a_b']],
    ['_', ['a_b']],
    ['ana', ['Ana 100%', 'Ana 1000']],
    ['ANA 1', ['Ana 100%', 'Ana 1000']],
    ['émile', ['Émile Zola', 'ÉMILE ROY']],
    ['ÉMILE', ['Émile Zola', 'ÉMILE ROY']],
    ['emile', ['emile']],
    ['🚀', ['Kim 🚀 Lee']],
    ['\\', ['back\\slash']],
    ['search', ['Searcher']],
    ['rui.costa@example.com', ['Rui']],
    ['RUI.COSTA@EXAMPLE.COM', ['Rui']],
    ['U0SEARCH', ['Searcher']],
  ])('q=%s finds %j', async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });
});
