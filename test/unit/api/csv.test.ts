// CSV export rows: RFC 4180 quoting of awkward text, one parseable record per activity.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, csvHeader, csvRow, ndjsonRow } from '../../../src/api/export/formats';
import type { ActivityResponse } from '../../../src/api/schemas/activity';
import { parseCsv } from './support/csv';

function activity(overrides: Partial<ActivityResponse> = {}): ActivityResponse {
  return {
    id: 'act_1',
    workspace_id: 'T1',
    type: 'post.created',
    version: 1,
    stored_version: 1,
    occurred_at: '2024-01-02T03:04:05.000Z',
    received_at: '2024-01-02T03:04:06.000Z',
    initiator: { id: 'mem_1', slack_user_id: null, name: 'Dana' },
    recipient: null,
    channel_id: null,
    metadata: { title: 'hi' },
    source: 'api',
    ...overrides,
  };
}

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    [' padded ', '" padded "'],
    ['emoji 🎉👩‍👩‍👧', 'emoji 🎉👩‍👩‍👧'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('writes null as an empty field and numbers as digits', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(-3)).toBe('-3');
  });

  // OWASP CSV injection: a display name like =HYPERLINK(...) must not run in a spreadsheet.
  it.each([
    ['=HYPERLINK("http://x.example","click")', `"'=HYPERLINK(""http://x.example"",""click"")"`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-rm', "'-rm"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['a=b', 'a=b'],
    ['x-y', 'x-y'],
  ])('defuses formula text %j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('CSV rows', () => {
  it('have one field per column and end in CRLF', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    const row = csvRow(activity());
    expect(row.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csvHeader() + row)).toEqual([[...CSV_COLUMNS], expect.any(Array)]);
    expect(parseCsv(row)[0]).toHaveLength(CSV_COLUMNS.length);
  });

  it('round-trip awkward text exactly', () => {
    const nasty = 'comma, "quote", new\nline, CRLF\r\n, tab\t, emoji 🎉, leading = sign';
    const a = activity({ initiator: { id: 'mem_1', slack_user_id: 'U1', name: `Dana, "the" 🦄\nOps` }, metadata: { title: nasty, nested: { list: [nasty] } } });
    const [record] = parseCsv(csvRow(a));
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, record![i]]));
    expect(byColumn.initiator_name).toBe(`Dana, "the" 🦄\nOps`);
    expect(JSON.parse(byColumn.metadata!)).toEqual(a.metadata);
    expect(byColumn.recipient_id).toBe('');
  });

  it('keep a formula-looking display name as text, apostrophe first', () => {
    const [record] = parseCsv(csvRow(activity({ initiator: { id: 'mem_1', slack_user_id: 'U1', name: '=cmd|"/c calc"!A1' } })));
    expect(record![CSV_COLUMNS.indexOf('initiator_name')]).toBe(`'=cmd|"/c calc"!A1`);
  });
});

describe('NDJSON rows', () => {
  it('are one JSON document per line, newlines in text escaped', () => {
    const a = activity({ metadata: { title: 'two\nlines' } });
    const row = ndjsonRow(a);
    expect(row.endsWith('\n')).toBe(true);
    expect(row.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(row)).toEqual(a);
  });
});
