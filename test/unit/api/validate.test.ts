// Request parts at the edge: one 400 lists every problem (the schema's and the registry's
// together), in plain words, each at its path.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { checkTypeFilter } from '../../../src/api/filters';
import { exportQuery, listActivitiesQuery } from '../../../src/api/schemas/activity';
import { listMembersQuery, memberDetailQuery } from '../../../src/api/schemas/members';
import { statsQuery } from '../../../src/api/schemas/stats';
import { parseOr400, type ExtraCheck, type RequestPart } from '../../../src/api/validate';
import { AppError, ErrorCode, type Issue } from '../../../src/errors';

function refused(schema: Parameters<typeof parseOr400>[0], value: unknown, where: RequestPart = 'query', extra?: ExtraCheck): AppError {
  try {
    parseOr400(schema, value, where, extra);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

const issuesOf = (...args: Parameters<typeof refused>): Issue[] => refused(...args).issues;
const types = checkTypeFilter(activityRegistry);

describe('parseOr400', () => {
  it('lists the schema problems and the registry problems of a query in one 400', () => {
    const error = refused(listActivitiesQuery, { limit: 'abc', foo: 'bar', type: 'nope' }, 'query', types);
    expect(error.code).toBe(ErrorCode.InvalidRequest);
    expect(error.issues).toEqual([
      { path: 'query.limit', message: 'expected a number from 1 to 500' },
      { path: 'query.foo', message: 'unknown parameter' },
      { path: 'query.type', message: '"nope" is not a registered activity type' },
    ]);
    expect(error.message).toBe('invalid query: query.limit: expected a number from 1 to 500; query.foo: unknown parameter; query.type: "nope" is not a registered activity type');
  });

  it('refuses a query whose only problem is the registry\'s', () => {
    expect(issuesOf(exportQuery, { type: 'post.created,post.liked' }, 'query', types)).toEqual([
      { path: 'query.type', message: '"post.liked" is not a registered activity type' },
    ]);
  });

  it('leaves a type the schema refuses to the schema (reported once)', () => {
    expect(issuesOf(listActivitiesQuery, { type: { a: 1 } }, 'query', types).map((i) => i.path)).toEqual(['query.type']);
  });

  it('returns the parsed value when there is no problem', () => {
    expect(parseOr400(listActivitiesQuery, { type: 'post.created', limit: '5' }, 'query', types)).toEqual({ type: ['post.created'], limit: 5 });
  });

  it.each([
    ['limit=', { limit: '' }, 'query.limit', 'expected a number from 1 to 500'],
    ['limit=%20', { limit: ' ' }, 'query.limit', 'expected a number from 1 to 500'],
    ['limit=0', { limit: '0' }, 'query.limit', 'must be at least 1'],
    ['limit=501', { limit: '501' }, 'query.limit', 'must be at most 500'],
    ['limit=2.5', { limit: '2.5' }, 'query.limit', 'expected a whole number from 1 to 500'],
    ['member=', { member: '' }, 'query.member', 'must not be empty'],
    ['q=(201 chars)', { q: 'x'.repeat(201) }, 'query.q', 'must be at most 200 characters'],
    ['since=soon', { since: 'soon' }, 'query.since', 'expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), or a time relative to now (7d, 24h, 2w, today, yesterday, now)'],
    ['bogus=1', { bogus: '1' }, 'query.bogus', 'unknown parameter'],
  ])('words %s plainly', (_query, value, path, message) => {
    expect(issuesOf(listActivitiesQuery, value)).toEqual([{ path, message }]);
  });

  it('words the other query endpoints alike', () => {
    expect(issuesOf(exportQuery, { format: 'pdf' })).toEqual([{ path: 'query.format', message: 'expected one of: ndjson, csv' }]);
    expect(issuesOf(statsQuery, { top: '500' })).toEqual([{ path: 'query.top', message: 'must be at most 100' }]);
    expect(issuesOf(statsQuery, { top: '' })).toEqual([{ path: 'query.top', message: 'expected a number from 1 to 100' }]);
    expect(issuesOf(listMembersQuery, { limit: 'x', q: '' })).toEqual([
      { path: 'query.q', message: 'must not be empty' },
      { path: 'query.limit', message: 'expected a number from 1 to 500' },
    ]);
    expect(issuesOf(memberDetailQuery, { recent: '-1' })).toEqual([{ path: 'query.recent', message: 'must be at least 0' }]);
  });

  it('checks the time range even when other parameters are wrong', () => {
    expect(issuesOf(listActivitiesQuery, { since: '2024-05-01', until: '2024-04-01', limit: 'x' })).toEqual([
      { path: 'query.limit', message: 'expected a number from 1 to 500' },
      { path: 'query.until', message: 'since must be before until' },
    ]);
    expect(issuesOf(statsQuery, { since: '2024-05-01', until: 'later', top: '0' })).toEqual([
      { path: 'query.until', message: 'expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), or a time relative to now (7d, 24h, 2w, today, yesterday, now)' },
      { path: 'query.top', message: 'must be at least 1' },
    ]);
  });

  it('still defaults absent integers', () => {
    expect(parseOr400(statsQuery, {}, 'query')).toEqual({ top: 10 });
    expect(parseOr400(memberDetailQuery, {}, 'query')).toEqual({ recent: 20 });
  });
});
