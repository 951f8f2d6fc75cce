// zod at the edge: a failed parse becomes a 400 listing every problem, in plain words.
// Query parameters and path ids are also checked for text no query can carry (a NUL, an
// unpaired surrogate): a 400 naming the parameter, rather than a database error (a 500) or,
// on SQLite, a search for "%00" matching every row.
import type { z } from 'zod';
import { AppError, ErrorCode, type Issue } from '../errors';
import { plainWords, toIssues } from '../activities/issues';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPaths } from '../storable';

/** Where a request value comes from: names the paths of its problems ("query.limit"). */
export type RequestPart = 'path' | 'query' | 'body';

const UNKNOWN_KEY: Record<RequestPart, string> = { path: 'unknown parameter', query: 'unknown parameter', body: 'unknown field' };

/** Checks a request value needs beyond its schema (e.g. against the registry): problems at their paths. */
export type ExtraCheck = (value: unknown) => Issue[];

/** The 400 for problems with one part of a request. */
export function invalidRequest(where: RequestPart, issues: Issue[]): AppError {
  return new AppError(ErrorCode.InvalidRequest, `invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}

/** One issue per query parameter or path id holding text no query can carry (see storable.ts). */
export function unstorableTextIssues(value: unknown, where: RequestPart): Issue[] {
  const names = new Set(unstorableTextPaths(value).map((path) => path.split('.')[0]));
  return [...names].map((name) => ({ path: `${where}.${name}`, message: UNSTORABLE_TEXT_MESSAGE }));
}

/**
 * Parses a part of a request, or throws a 400 listing every problem at once: the schema's and
 * those of `extra`, which sees the raw value (so a bad limit and an unknown type come out in
 * one answer, not two), and for the query and path, text no query can carry.
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: RequestPart, extra?: ExtraCheck): z.output<S> {
  const result = schema.safeParse(value, { error: plainWords });
  const issues = [
    ...(where === 'body' ? [] : unstorableTextIssues(value, where)),
    ...(result.success ? [] : toIssues(result.error, where, { unknownKey: UNKNOWN_KEY[where] })),
    ...(extra?.(value) ?? []),
  ];
  if (result.success && issues.length === 0) return result.data;
  throw invalidRequest(where, issues);
}
