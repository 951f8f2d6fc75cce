// zod at the edge: a failed parse becomes a 400 listing every problem, in plain words.
import type { z } from 'zod';
import { AppError, ErrorCode, type Issue } from '../errors';
import { plainWords, toIssues } from '../activities/issues';

/** Where a request value comes from: names the paths of its problems ("query.limit"). */
export type RequestPart = 'path' | 'query' | 'body';

const UNKNOWN_KEY: Record<RequestPart, string> = { path: 'unknown parameter', query: 'unknown parameter', body: 'unknown field' };

/** Checks a request value needs beyond its schema (e.g. against the registry): problems at their paths. */
export type ExtraCheck = (value: unknown) => Issue[];

/** The 400 for problems with one part of a request. */
export function invalidRequest(where: RequestPart, issues: Issue[]): AppError {
  return new AppError(ErrorCode.InvalidRequest, `invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}

/**
 * Parses a part of a request, or throws a 400 listing every problem at once: the schema's and
 * those of `extra`, which sees the raw value (so a bad limit and an unknown type come out in
 * one answer, not two).
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: RequestPart, extra?: ExtraCheck): z.output<S> {
  const result = schema.safeParse(value, { error: plainWords });
  const issues = [...(result.success ? [] : toIssues(result.error, where, { unknownKey: UNKNOWN_KEY[where] })), ...(extra?.(value) ?? [])];
  if (result.success && issues.length === 0) return result.data;
  throw invalidRequest(where, issues);
}
