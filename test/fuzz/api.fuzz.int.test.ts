// Fuzzing the JSON API: valid ingest items of every external type, mutated (fields removed,
// types swapped, NUL and lone surrogates, huge strings, deep nesting), posted alone and in
// batches; and the read endpoints with fuzzed query parameters and ids. Against the real app
// on both databases: never a 5xx, and every error answer is the documented JSON error shape.
//   FUZZ_RUNS=300 npx vitest run test/fuzz     (default: 30 per property, well under a minute)
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '../../src/api/schemas/error';
import { storableText } from '../../src/storable';
import { startHarness, TEAM_ID, type Harness } from '../support/app-harness';
import { DATABASE_KINDS } from '../support/databases';
import { EXTERNAL_TYPES, validItem } from '../integration/api/support';
import { mutationsOf, nastyText, weirdValue, type Json } from './mutations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Per test: room for the runs, and for shrinking a failure to its smallest case. */
const TIMEOUT = 60_000 + RUNS * 1_000;

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function send(h: Harness, method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
  const res = await h.api(`/api/v1${path}`, {
    method,
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
  });
  // Read to the end: an export that failed midway would cut the connection here.
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

/** Never a 5xx; an error is the documented JSON error shape. */
function expectHandled(answer: Answer, what: string): void {
  const said = `${what} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, said).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.contentType, said).toContain('application/json');
    const parsed = errorResponse.safeParse(JSON.parse(answer.text));
    expect(parsed.success, `${said}: not the documented error shape (${parsed.error?.message})`).toBe(true);
  }
}

/**
 * Longest encoded value put in a URL: four of them stay under the 16 KB Node allows for a
 * request line and headers (past it the HTTP server answers 431 before the API sees anything).
 */
const MAX_URL_VALUE = 3_500;

/** Text for a query value or a path segment, as a client could put it in a URL: encoded, or raw percent sequences. */
const urlText: fc.Arbitrary<string> = fc.oneof(
  // encodeURIComponent throws on a lone surrogate, which no URL can carry: repaired first.
  nastyText.map((text) => encodeURIComponent(storableText(text)).slice(0, MAX_URL_VALUE)),
  fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%FF', '%', '%2', '%25', '_', '%5F', '..%2F..', '%C0%80', '+', '%2B14:00'),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

const instants = fc.constantFrom(
  '2024-03-01',
  '2024-03-01T12:00:00Z',
  '0000-01-01',
  '0001-01-01T00:00:00%2B14:00',
  '9999-12-31T23:59:59-12:00',
  '9999-12-31',
  '+010000-01-01T00:00:00Z',
  '2024-02-30',
  '2024-13-01',
  'yesterday',
  '1e308',
);

/** A crafted cursor: base64url of JSON that looks like ours, or not. */
const cursors = fc.oneof(
  fc.tuple(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(8.64e15, -8.64e15, 253402300800000, -62135596800001)), fc.oneof(nastyText, fc.constant('act_01JDXYZABCDEFGHJKMNPQRSTVW')))
    .map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url')),
  weirdValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url')),
  fc.record({ after: weirdValue }).map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  urlText,
);

const PARAMS = ['q', 'member', 'channel', 'type', 'since', 'until', 'cursor', 'limit', 'top', 'format', 'recent'] as const;

const queryValue = (name: (typeof PARAMS)[number]): fc.Arbitrary<string> => {
  switch (name) {
    case 'since':
    case 'until':
      return fc.oneof(instants, urlText);
    case 'cursor':
      return cursors;
    case 'limit':
    case 'top':
    case 'recent':
      return fc.oneof(fc.integer({ min: -10, max: 1000 }).map(String), urlText, fc.constantFrom('1e3', '0x10', '', '1.5', 'NaN'));
    case 'type':
      return fc.oneof(fc.constantFrom('post.created', 'slack_message.created,award.given', 'messages'), urlText);
    default:
      return fc.oneof(urlText, fc.constantFrom('U0ANA', 'C0GENERAL', 'dana@example.com', '100%', 'a_b'));
  }
};

/** A query string of one to four parameters (repeats allowed), values already URL-encoded. */
const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(...PARAMS).chain((name) => queryValue(name).map((value) => `${name}=${value.slice(0, MAX_URL_VALUE)}`)),
    { minLength: 1, maxLength: 4 },
  )
  .map((pairs) => pairs.join('&'));

describe.each(DATABASE_KINDS)('fuzzing the JSON API (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
    // Something to find: activities, members, a Slack member.
    for (const type of EXTERNAL_TYPES) {
      const answer = await send(h, 'POST', '/activities', JSON.stringify(validItem(type, { external_id: `seed-${type}` })));
      expect(answer.status, answer.text).toBe(201);
    }
    await h.app.store.members.ensureSlackMember(TEAM_ID, 'U0ANA', { displayName: 'Ana' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(EXTERNAL_TYPES)('POST /activities: %s, mutated: never a 5xx', async (type) => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(validItem(type) as Json), async ({ value, steps }) => {
        expectHandled(await send(h, 'POST', '/activities', JSON.stringify(value)), `${type}: ${steps.join('; ')}`);
      }),
      { numRuns: Math.max(5, Math.ceil(RUNS / 4)), seed: SEED },
    );
  }, TIMEOUT);

  it('POST /activities/batch: mutated items among valid ones, and a mutated envelope: never a 5xx', async () => {
    const items = fc.array(
      fc.constantFrom(...EXTERNAL_TYPES).chain((type) => fc.oneof(fc.constant({ value: validItem(type) as Json, steps: [] as string[] }), mutationsOf(validItem(type) as Json))),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(items, fc.boolean(), async (batch, mutateEnvelope) => {
        const envelope: Json = { activities: batch.map((b) => b.value) };
        const body = mutateEnvelope ? fc.sample(mutationsOf(envelope), { numRuns: 1, seed: batch.length })[0]!.value : envelope;
        const what = batch.map((b, i) => `${i}: ${b.steps.join(', ') || 'valid'}`).join(' | ');
        expectHandled(await send(h, 'POST', '/activities/batch', JSON.stringify(body)), `batch ${what}${mutateEnvelope ? ' (envelope mutated)' : ''}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, TIMEOUT);

  it.each(['/activities', '/members', '/export', '/stats'])('GET %s with fuzzed query parameters: never a 5xx', async (path) => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        expectHandled(await send(h, 'GET', `${path}?${query}`), `GET ${path}?${query}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, TIMEOUT);

  it.each(['/activities/', '/members/', '/activity-types/'])('GET %s{id} with fuzzed ids: never a 5xx', async (path) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(urlText, fc.constantFrom('U0ANA', 'act_01JDXYZABCDEFGHJKMNPQRSTVW')), fc.option(queryString), async (id, query) => {
        const url = `${path}${id}${query ? `?${query}` : ''}`;
        expectHandled(await send(h, 'GET', url), `GET ${url}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, TIMEOUT);

  it('the app is still up and answers afterwards', async () => {
    expect((await fetch(`${h.app.url}/readyz`)).status).toBe(200);
  });
});
