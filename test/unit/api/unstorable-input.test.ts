// The API's boundary for what the databases cannot take: text with a NUL or an unpaired
// surrogate is refused naming each field (ingest bodies) or parameter (queries, path ids);
// instants outside the years 1 to 9999 are refused; the stats range's defaults stay inside them.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { readIngestItem } from '../../../src/api/ingest-request';
import { statsRange } from '../../../src/api/routes/stats';
import { activityIdParams, listActivitiesQuery } from '../../../src/api/schemas/activity';
import { listMembersQuery } from '../../../src/api/schemas/members';
import { parseOr400 } from '../../../src/api/validate';
import { AppError, ErrorCode } from '../../../src/errors';
import { checkActivity } from '../../../src/sources/api/check-activity';

const now = new Date('2026-01-01T00:00:00Z');
const valid = {
  type: 'award.given',
  occurred_at: '2025-12-31T10:00:00+02:00',
  initiator: { email: 'giver@example.com', name: 'Giver' },
  recipient: { slack_user_id: 'U0ANA' },
  metadata: { award_id: 'a1', award_name: 'Helper' },
  external_id: 'award-1',
};
const UNSTORABLE = expect.stringContaining('cannot be stored');

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('ingest items with text no database stores', () => {
  const problems = (raw: unknown) => readIngestItem(raw, activityRegistry, now).problems;

  it('a NUL in metadata: a metadata problem (422) at its path, and no input', () => {
    const item = readIngestItem({ ...valid, metadata: { ...valid.metadata, award_name: 'He\u0000lper' } }, activityRegistry, now);
    expect(item.input).toBeUndefined();
    expect(item.problems).toEqual([{ code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.award_name', message: UNSTORABLE }]);
  });

  it('unpaired surrogates in the envelope: a request problem (400) for each field, the field not looked at further', () => {
    const found = problems({ ...valid, type: 'award.given\ud800', initiator: { email: 'giver@example.com', name: 'G\udc00' }, external_id: 'x\u0000' });
    expect(found).toEqual(
      expect.arrayContaining([
        { code: ErrorCode.InvalidRequest, path: 'type', message: UNSTORABLE },
        { code: ErrorCode.InvalidRequest, path: 'initiator.name', message: UNSTORABLE },
        { code: ErrorCode.InvalidRequest, path: 'external_id', message: UNSTORABLE },
      ]),
    );
    // The type is not also "not a registered activity type".
    expect(found.filter((p) => p.path === 'type')).toHaveLength(1);
  });

  it('a key holding a NUL is named by its repaired form; the metadata is still checked for its other problems', () => {
    const found = problems({ ...valid, metadata: { award_id: 'a1', 'award\u0000name': 'x' } });
    expect(found).toContainEqual({ code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.award\ufffdname', message: UNSTORABLE });
    expect(found).toContainEqual(expect.objectContaining({ code: ErrorCode.ActivityInvalidMetadata, path: 'metadata.award_name' }));
  });

  it('text with emoji and other well-formed characters is accepted as sent', () => {
    const item = readIngestItem({ ...valid, metadata: { ...valid.metadata, award_name: 'Helper 🚀 \ufffd é' } }, activityRegistry, now);
    expect(item.problems).toEqual([]);
    expect(item.input?.metadata).toMatchObject({ award_name: 'Helper 🚀 \ufffd é' });
  });
});

describe('occurred_at outside the years 1 to 9999', () => {
  it.each([
    ['0000-06-01T00:00:00Z'],
    ['0001-01-01T00:00:00+00:01'],
  ])('%s is refused naming occurred_at', (occurredAt) => {
    const { problems } = checkActivity(activityRegistry, { type: 'award.given', occurredAt: new Date(occurredAt) }, now);
    expect(problems).toEqual([{ code: ErrorCode.InvalidRequest, path: 'occurred_at', message: expect.stringContaining('between the years 1 and 9999') }]);
  });
});

describe('query parameters and path ids', () => {
  it('with a NUL or an unpaired surrogate: a 400 naming each parameter once', () => {
    const error = refusal(() => parseOr400(listActivitiesQuery, { q: 'a\u0000', member: '\ud800', type: ['post.created', 'x\u0000'], channel: 'C1' }, 'query'));
    expect(error.code).toBe(ErrorCode.InvalidRequest);
    expect(error.issues).toEqual([
      { path: 'query.q', message: UNSTORABLE },
      { path: 'query.member', message: UNSTORABLE },
      { path: 'query.type', message: UNSTORABLE },
    ]);
    expect(refusal(() => parseOr400(activityIdParams, { id: '\u0000' }, 'path')).issues).toEqual([{ path: 'path.id', message: UNSTORABLE }]);
    expect(refusal(() => parseOr400(listMembersQuery, { q: '%\u0000' }, 'query')).issues).toEqual([{ path: 'query.q', message: UNSTORABLE }]);
  });

  it('since and until outside the years 1 to 9999: refused', () => {
    const error = refusal(() => parseOr400(listActivitiesQuery, { since: '0000-01-01', until: '0001-01-01T00:00:00+01:00' }, 'query'));
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'query.since', message: expect.stringContaining('between the years 1 and 9999') },
        { path: 'query.until', message: expect.stringContaining('between the years 1 and 9999') },
      ]),
    );
    expect(parseOr400(listActivitiesQuery, { since: '0001-01-01', until: '9999-12-31T23:59:59.999Z' }, 'query')).toMatchObject({
      since: new Date('0001-01-01T00:00:00Z'),
    });
  });
});

describe('statsRange', () => {
  it('keeps its defaults inside the years 1 to 9999', () => {
    expect(statsRange({ since: new Date('9999-12-30T00:00:00Z') }, now).until.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(statsRange({ until: new Date('0001-01-02T00:00:00Z') }, now).since.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(statsRange({}, now)).toEqual({ since: new Date('2025-12-02T00:00:00Z'), until: now });
  });
});
