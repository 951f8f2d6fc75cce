// zod's issues in plain words: each common issue code gets a short message a sender can act
// on, messages our schemas set themselves are kept, and unknown keys are listed one by one.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainWords, toIssues } from '../../../src/activities/issues';

/** The issues of a failed parse, parsed with plainWords. */
function issuesOf(schema: z.ZodType, value: unknown, prefix = '', unknownKey?: string | ((parent: string[]) => string)) {
  const result = schema.safeParse(value, { error: plainWords });
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return toIssues(result.error, prefix, unknownKey === undefined ? {} : { unknownKey });
}

const messageOf = (schema: z.ZodType, value: unknown) => issuesOf(schema, value).map((i) => i.message);

describe('plainWords', () => {
  it.each([
    ['a missing field', z.object({ a: z.string() }), {}, 'required'],
    ['a missing enum value', z.object({ a: z.enum(['x', 'y']) }), {}, 'required'],
    ['text for a string', z.string(), 5, 'expected a string'],
    ['text for a number', z.number(), 'five', 'expected a number'],
    ['NaN from a coerced number', z.coerce.number(), 'abc', 'expected a number'],
    ['a fraction for an integer', z.number().int(), 1.5, 'expected a whole number'],
    ['a string for a boolean', z.boolean(), 'yes', 'expected true or false'],
    ['an object for an array', z.array(z.string()), {}, 'expected an array'],
    ['an array for an object', z.object({}), [], 'expected an object'],
    ['a string for a record', z.record(z.string(), z.unknown()), 'x', 'expected an object'],
  ])('%s', (_name, schema, value, message) => {
    expect(messageOf(schema, value)).toEqual([message]);
  });

  it('names the range of a number bounded on both sides', () => {
    const limit = z.coerce.number().int().min(1).max(500);
    expect(messageOf(limit, 'abc')).toEqual(['expected a number from 1 to 500']);
    expect(messageOf(limit, '2.5')).toEqual(['expected a whole number from 1 to 500']);
    expect(messageOf(z.number().int().min(0), 'x')).toEqual(['expected a number']);
  });

  it.each([
    [z.number().min(1), 0, 'must be at least 1'],
    [z.number().max(500), 501, 'must be at most 500'],
    [z.number().gt(0), 0, 'must be more than 0'],
    [z.number().lt(10), 10, 'must be less than 10'],
    [z.string().min(1), '', 'must not be empty'],
    [z.string().min(3), 'ab', 'must be at least 3 characters'],
    [z.string().max(200), 'x'.repeat(201), 'must be at most 200 characters'],
    [z.string().length(2), 'abc', 'must be exactly 2 characters'],
    [z.array(z.string()).min(1), [], 'must not be empty'],
    [z.array(z.string()).min(2), ['a'], 'must have at least 2 items'],
    [z.array(z.string()).max(1), ['a', 'b'], 'must have at most 1 item'],
    [z.number().multipleOf(5), 7, 'must be a multiple of 5'],
  ])('sizes: %#', (schema, value, message) => {
    expect(messageOf(schema, value)).toEqual([message]);
  });

  it.each([
    [z.enum(['ndjson', 'csv']), 'xml', 'expected one of: ndjson, csv'],
    [z.literal('v1'), 'v2', 'expected "v1"'],
    [z.union([z.literal(1), z.literal(2)]), 3, 'matches none of the accepted forms'],
    [z.union([z.string(), z.array(z.string())]), 5, 'expected a string or an array'],
  ])('values: %#', (schema, value, message) => {
    expect(messageOf(schema, value)).toEqual([message]);
  });

  it.each([
    [z.email(), 'not-an-email', 'expected an email address'],
    [z.url(), 'not a url', 'expected a URL'],
    [z.iso.datetime({ offset: true }), '2024-05-01 12:00', 'expected an ISO 8601 instant like 2024-05-01T12:00:00Z'],
    [z.iso.date(), '1 May', 'expected an ISO 8601 date like 2024-05-01'],
    [z.uuid(), 'nope', 'expected a UUID'],
    [z.string().startsWith('ak_'), 'x', 'must start with "ak_"'],
    [z.string().regex(/^\d+$/), 'x', 'is not in the expected form'],
  ])('formats: %#', (schema, value, message) => {
    expect(messageOf(schema, value)).toEqual([message]);
  });

  it('keeps messages our schemas write themselves (checks, whole schemas, refinements)', () => {
    expect(messageOf(z.string().regex(/^U/, 'a Slack user id like U0123ABC'), 'ana')).toEqual(['a Slack user id like U0123ABC']);
    expect(messageOf(z.array(z.unknown()).min(1, 'send at least one activity'), [])).toEqual(['send at least one activity']);
    expect(messageOf(z.union([z.iso.date(), z.iso.datetime()], { error: 'expected an ISO 8601 date or instant' }), 'soon')).toEqual([
      'expected an ISO 8601 date or instant',
    ]);
    const range = z.object({ from: z.number(), to: z.number() }).refine((r) => r.from < r.to, { message: 'from must be before to', path: ['to'] });
    expect(issuesOf(range, { from: 2, to: 1 })).toEqual([{ path: 'to', message: 'from must be before to' }]);
    // A refinement with no message of its own still reads plainly.
    expect(messageOf(z.number().refine((n) => n % 2 === 0), 3)).toEqual(['is not valid']);
  });

  it('says nothing of zod internals for any of them', () => {
    const schema = z
      .object({ n: z.coerce.number().min(1), s: z.string(), e: z.enum(['a', 'b']), u: z.url(), d: z.iso.datetime(), list: z.array(z.string()).min(1) })
      .strict();
    const issues = issuesOf(schema, { n: '', e: 'c', u: 'x', d: 'x', list: [], extra: 1 });
    expect(issues).toHaveLength(7);
    for (const { message } of issues) expect(message).not.toMatch(/Invalid|Too (small|big)|received|expected (number|string) to|Unrecognized|>=|<=/);
  });
});

describe('toIssues', () => {
  it('joins paths with dots under a prefix', () => {
    const schema = z.object({ options: z.array(z.object({ label: z.string() })) });
    expect(issuesOf(schema, { options: [{ label: 'a' }, {}] }, 'metadata')).toEqual([{ path: 'metadata.options.1.label', message: 'required' }]);
    expect(issuesOf(z.string(), 1, 'metadata')).toEqual([{ path: 'metadata', message: 'expected a string' }]);
    expect(issuesOf(z.string(), 1)).toEqual([{ path: '', message: 'expected a string' }]);
  });

  it('reports each unknown key at its own path', () => {
    const schema = z.strictObject({ a: z.string(), inner: z.strictObject({ b: z.string() }) });
    expect(issuesOf(schema, { a: 'x', inner: { b: 'y', c: 1 }, d: 1, e: 2 }, 'metadata')).toEqual([
      { path: 'metadata.inner.c', message: 'unknown field' },
      { path: 'metadata.d', message: 'unknown field' },
      { path: 'metadata.e', message: 'unknown field' },
    ]);
  });

  it('words unknown keys as the caller says, by the object they are in', () => {
    const schema = z.strictObject({ inner: z.strictObject({}) });
    expect(issuesOf(schema, { x: 1, inner: {} }, 'query', 'unknown parameter')).toEqual([{ path: 'query.x', message: 'unknown parameter' }]);
    const byParent = (parent: string[]) => (parent.length === 0 ? 'not a top-level field' : `not a field of ${parent.join('.')}`);
    expect(issuesOf(schema, { x: 1, inner: { y: 2 } }, '', byParent)).toEqual([
      { path: 'inner.y', message: 'not a field of inner' },
      { path: 'x', message: 'not a top-level field' },
    ]);
  });
});
