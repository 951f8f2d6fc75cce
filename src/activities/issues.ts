// zod's problems in plain words, for every caller that reports them (the API, the ingest
// checks, the CLI): an error map ("required", "expected a number", "must be at most 500",
// "expected one of: ndjson, csv") and the { path, message } pairs our errors carry.
import type { z } from 'zod';
import type { Issue } from '../errors';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NOUNS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  date: 'a date',
  null: 'null',
};

const FORMAT_NOUNS: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  datetime: 'an ISO 8601 instant like 2024-05-01T12:00:00Z',
  date: 'an ISO 8601 date like 2024-05-01',
  time: 'a time like 12:00:00',
  duration: 'an ISO 8601 duration like P1D',
  uuid: 'a UUID',
  guid: 'a GUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64 text',
  base64url: 'base64url text',
  json_string: 'JSON text',
};

/** Whether a bound is one a person set (not the ±2^53 that `.int()` implies). */
const meaningful = (bound: unknown): bound is number => typeof bound === 'number' && Math.abs(bound) < Number.MAX_SAFE_INTEGER;

/** " from 1 to 500" when the number schema that raised the issue has both bounds set. */
function rangeOf(schema: unknown): string {
  const { minValue, maxValue } = (schema ?? {}) as { minValue?: unknown; maxValue?: unknown };
  return meaningful(minValue) && meaningful(maxValue) ? ` from ${minValue} to ${maxValue}` : '';
}

function plural(count: number | bigint, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

function size(issue: Extract<RawIssue, { code: 'too_small' | 'too_big' }>, bound: number | bigint, word: 'least' | 'most'): string {
  const exact = issue.exact === true;
  switch (issue.origin) {
    case 'string':
      if (word === 'least' && bound === 1 && !exact) return 'must not be empty';
      return `must be ${exact ? 'exactly' : `at ${word}`} ${plural(bound, 'character')}`;
    case 'array':
    case 'set':
      if (word === 'least' && bound === 1 && !exact) return 'must not be empty';
      return `must have ${exact ? 'exactly' : `at ${word}`} ${plural(bound, 'item')}`;
    case 'date':
      return `must be ${word === 'least' ? 'on or after' : 'on or before'} ${new Date(Number(bound)).toISOString()}`;
    default:
      if (issue.inclusive === false) return `must be ${word === 'least' ? 'more' : 'less'} than ${bound}`;
      return `must be at ${word} ${bound}`;
  }
}

function formatMessage(issue: Extract<RawIssue, { code: 'invalid_format' }>): string | undefined {
  const noun = FORMAT_NOUNS[issue.format];
  if (noun) return `expected ${noun}`;
  const details = issue as unknown as { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case 'starts_with':
      return `must start with "${details.prefix}"`;
    case 'ends_with':
      return `must end with "${details.suffix}"`;
    case 'includes':
      return `must contain "${details.includes}"`;
    case 'lowercase':
      return 'must be lower case';
    case 'uppercase':
      return 'must be upper case';
    case 'regex':
      return 'is not in the expected form';
    default:
      return `expected a valid ${issue.format.replace(/_/g, ' ')}`;
  }
}

function unionMessage(issue: Extract<RawIssue, { code: 'invalid_union' }>): string {
  // Every branch refused the value's type: say which types would do ("a string or an array").
  const expected = issue.errors.map((branch) => {
    const only = branch.length === 1 ? branch[0]! : undefined;
    return only?.code === 'invalid_type' && only.path.length === 0 ? only.expected : null;
  });
  if (expected.length > 0 && expected.every((e) => e !== null)) {
    return `expected ${[...new Set(expected.map((e) => TYPE_NOUNS[e!] ?? e))].join(' or ')}`;
  }
  return 'matches none of the accepted forms';
}

/**
 * A zod error map in plain words ("required", "expected a number", "must be at most 500",
 * "expected one of: ndjson, csv"). Pass it per parse (`schema.safeParse(value, { error: plainWords })`):
 * zod ranks a message a schema sets itself above it, so our own messages are kept as written.
 */
export const plainWords: z.core.$ZodErrorMap = (issue) => {
  const missing = issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union');
  if (missing) return 'required';
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'nonoptional') return 'required';
      const range = issue.expected === 'number' || issue.expected === 'int' ? rangeOf(issue.schema) : '';
      return `expected ${TYPE_NOUNS[issue.expected] ?? issue.expected}${range}`;
    }
    case 'too_small':
      return size(issue, issue.minimum, 'least');
    case 'too_big':
      return size(issue, issue.maximum, 'most');
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of: ${issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
    case 'invalid_format':
      return formatMessage(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_union':
      return unionMessage(issue);
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid item';
    case 'custom':
      // Only reached by a refinement that wrote no message of its own.
      return 'is not valid';
    default:
      return undefined;
  }
};

export interface IssueOptions {
  /** The message of an unknown key, given the path of the object it is in (default "unknown field"). */
  unknownKey?: string | ((parent: string[]) => string);
}

/**
 * zod issues as { path, message } pairs, with paths like "metadata.channel_id". Unknown keys
 * are reported one by one, each at its own path ("metadata.foo"), not once at their parent's.
 * Parse with `plainWords` for messages in plain words.
 */
export function toIssues(error: z.ZodError, prefix = '', options: IssueOptions = {}): Issue[] {
  const { unknownKey = 'unknown field' } = options;
  const join = (path: readonly PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  return error.issues.flatMap((issue): Issue[] => {
    if (issue.code === 'unrecognized_keys') {
      const parent = issue.path.map(String);
      const message = typeof unknownKey === 'function' ? unknownKey(parent) : unknownKey;
      return issue.keys.map((key) => ({ path: join([...parent, key]), message }));
    }
    return [{ path: join(issue.path), message: issue.message }];
  });
}
