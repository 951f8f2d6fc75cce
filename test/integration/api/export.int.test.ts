// Export over real HTTP, on SQLite and PostgreSQL: every matching activity exactly once (more
// than one page of them), the list's filters, and CSV that survives awkward text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../src/api/export/formats';
import { exportActivities } from '../../../src/api/routes/export';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { parseCsv } from '../../unit/api/support/csv';
import { expectDocumented, get, post, validItem } from './support';

const AWKWARD = [
  'plain words',
  'a, comma',
  'say "hello", then leave',
  'two\nlines',
  'windows\r\nline end',
  '  padded  ',
  'emoji 🎉 and 👩‍👩‍👧 and 🇧🇷',
  '"',
  ',',
  '=SUM(A1:A2)',
  'ünïcödé ✓ 中文 עברית',
];
const TOTAL = 2345;

interface Row {
  id: string;
  type: string;
  occurred_at: string;
  metadata: Record<string, unknown>;
  initiator: { name: string | null } | null;
}

async function exportText(h: Harness, query: string): Promise<{ status: number; contentType: string | null; disposition: string | null; text: string }> {
  const response = await h.api(`/api/v1/export${query}`);
  return { status: response.status, contentType: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
}

function ndjson(text: string): Row[] {
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
}

async function listAll(h: Harness, query: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { activities: Row[]; next_cursor: string | null } } = await get(h, `/activities?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...page.body.activities);
    cursor = page.body.next_cursor;
  } while (cursor);
  return rows;
}

describe.each(DATABASE_KINDS)('export (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kind });
    // Many activities share one occurred_at, so paging must break ties by id to be exact.
    const items = Array.from({ length: TOTAL }, (_, i) => {
      const text = AWKWARD[i % AWKWARD.length]!;
      const type = i % 3 === 0 ? 'comment.created' : 'post.created';
      return validItem(type, {
        external_id: `exp-${i}`,
        occurred_at: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 7) * 60_000).toISOString(),
        initiator: { external_id: `author-${i % 13}`, name: `${text} #${i % 13}` },
        metadata: { ...(validItem(type).metadata as object), excerpt: `${text} (${i})` },
      });
    });
    for (let start = 0; start < items.length; start += 1000) {
      const result = await post(h, '/activities/batch', { activities: items.slice(start, start + 1000) });
      expect(result.status, JSON.stringify(result.body).slice(0, 500)).toBe(201);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('streams every activity exactly once as NDJSON, in the list order', async () => {
    const result = await exportText(h, '');
    expectDocumented(exportActivities, { status: result.status, headers: new Headers(), body: null });
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('application/x-ndjson; charset=utf-8');
    expect(result.disposition).toMatch(new RegExp(`^attachment; filename="activities-${TEAM_ID}-.*\\.ndjson"$`));
    const rows = ndjson(result.text);
    expect(rows).toHaveLength(TOTAL);
    expect(new Set(rows.map((r) => r.id)).size).toBe(TOTAL);
    const listed = await listAll(h, '');
    expect(rows.map((r) => r.id)).toEqual(listed.map((r) => r.id));
    expect(rows).toEqual(listed);
  });

  it('applies the same filters as the list', async () => {
    for (const query of ['&type=comment.created', '&since=2024-01-01T02:00:00Z&until=2024-01-02', '&member=' + 'x', '&q=padded']) {
      const exported = ndjson((await exportText(h, `?${query.slice(1)}`)).text);
      const listed = await listAll(h, query);
      expect(exported.map((r) => r.id), query).toEqual(listed.map((r) => r.id));
    }
    const comments = ndjson((await exportText(h, '?type=comment.created')).text);
    expect(comments).toHaveLength(Math.ceil(TOTAL / 3));
  });

  it('writes CSV that parses back to exactly the stored text (formula text apostrophe-first)', async () => {
    const result = await exportText(h, '?format=csv');
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('text/csv; charset=utf-8; header=present');
    const [header, ...records] = parseCsv(result.text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(TOTAL);
    const rows = ndjson((await exportText(h, '')).text);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    records.forEach((record, i) => {
      const row = rows[i]!;
      expect(record).toHaveLength(CSV_COLUMNS.length);
      expect(record[column('id')]).toBe(row.id);
      expect(record[column('type')]).toBe(row.type);
      // A name a spreadsheet would run as a formula is exported with a leading apostrophe.
      const name = row.initiator?.name ?? '';
      expect(record[column('initiator_name')]).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
      expect(JSON.parse(record[column('metadata')]!)).toEqual(row.metadata);
    });
    for (const text of AWKWARD) {
      expect(records.some((r) => (r[column('initiator_name')] ?? '').replace(/^'(?=[=+\-@\t\r])/, '').startsWith(`${text} #`)), JSON.stringify(text)).toBe(true);
    }
  });

  it('refuses bad filters before streaming', async () => {
    const unknown = await get(h, '/export?type=nope.nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ path: 'query.type', message: '"nope.nope" is not a registered activity type' }]);
    const format = await get(h, '/export?format=xml');
    expect(format.status).toBe(400);
    expect(format.body.error.issues[0].path).toBe('query.format');
  });

  it('exports nothing but the header when nothing matches', async () => {
    expect((await exportText(h, '?since=2030-01-01')).text).toBe('');
    expect((await exportText(h, '?since=2030-01-01&format=csv')).text).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('survives a client that disconnects midway, and keeps serving', async () => {
    const controller = new AbortController();
    const response = await h.api('/api/v1/export', { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
    const after = await exportText(h, '?type=comment.created');
    expect(ndjson(after.text)).toHaveLength(Math.ceil(TOTAL / 3));
  });
});
