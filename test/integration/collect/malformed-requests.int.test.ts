// Requests Slack would never send, correctly signed (a probe, a proxy gone wrong, a future
// envelope type): each gets a prompt, clear answer, never a 500 and never a 3-second wait for
// a 404; what is authentic but not understood is kept whole as a dead letter. Also the HTTP
// edges: an oversize body closes its keep-alive connection, an oversize request line gets a
// body that says why, and a timestamp from the future is refused like a stale one.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSlackSignature } from '../../../src/simulator/signing';
import { startHarness, TEAM_ID, TEST_SIGNING_SECRET, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';

/** POSTs a raw JSON text to /slack/events, signed as Slack signs it. */
async function postRaw(h: Harness, raw: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const started = Date.now();
  const res = await fetch(h.eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': computeSlackSignature({ signingSecret: TEST_SIGNING_SECRET, timestamp: ts, rawBody: raw }),
      ...headers,
    },
    body: raw,
  });
  return { status: res.status, text: await res.text(), ms: Date.now() - started };
}

describe.each(DATABASE_KINDS)('malformed requests to /slack/events (%s)', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  const deadLetters = () => h.app.store.db.deadLetter.findMany({ orderBy: { firstSeenAt: 'asc' } });

  it.each([
    ['null', 'null'],
    ['an array', '[{"type":"event_callback"}]'],
    ['a string', '"event_callback"'],
    ['a number', '42'],
  ])('a JSON body that is %s: 400 with the reason, at once', async (_name, raw) => {
    const res = await postRaw(h, raw);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'invalid_request', message: 'the body is not a Slack payload: expected a JSON object', issues: [] } });
    expect(res.ms).toBeLessThan(2_000);
  });

  it('an event_callback whose event is a string: kept whole as a dead letter, 200 at once', async () => {
    const raw = JSON.stringify({ type: 'event_callback', team_id: TEAM_ID, api_app_id: 'A0TESTAPP', event_id: 'Ev0STRING', event_time: 1, event: 'message' });
    const res = await postRaw(h, raw);
    expect(res.status).toBe(200);
    const kept = (await deadLetters()).find((d) => d.payload.includes('Ev0STRING'));
    expect(kept).toMatchObject({ workspaceId: TEAM_ID, reason: 'event_callback without an event object' });
    expect(JSON.parse(kept!.payload)).toEqual(JSON.parse(raw));
  });

  it('an envelope type we do not know: kept whole as a dead letter, 200 at once (no 404 after 3 s)', async () => {
    const raw = JSON.stringify({ type: 'brand_new_envelope', team_id: TEAM_ID, api_app_id: 'A0TESTAPP', something: { nested: true } });
    const res = await postRaw(h, raw);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(2_000);
    const kept = (await deadLetters()).find((d) => d.payload.includes('brand_new_envelope'));
    expect(kept?.reason).toBe('unknown Slack envelope type "brand_new_envelope"');
  });

  it("app_rate_limited (Slack's notice that events were dropped): 200 and no dead letter", async () => {
    const before = (await deadLetters()).length;
    const raw = JSON.stringify({ token: 'x', type: 'app_rate_limited', team_id: TEAM_ID, minute_rate_limited: 1518467820, api_app_id: 'A0TESTAPP' });
    const res = await postRaw(h, raw);
    expect(res.status).toBe(200);
    expect((await deadLetters()).length).toBe(before);
  });

  it('a request timestamp more than 5 minutes in the future is refused like a stale one', async () => {
    const raw = JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 'x' });
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    const res = await postRaw(h, raw, { 'x-slack-request-timestamp': String(future), 'x-slack-signature': computeSlackSignature({ signingSecret: TEST_SIGNING_SECRET, timestamp: future, rawBody: raw }) });
    expect(res.status).toBe(401);
    const fine = await postRaw(h, raw);
    expect(fine.status).toBe(200);
  });

  it('after a 413 on a keep-alive connection, the connection is closed rather than left hanging', async () => {
    const url = new URL(h.eventsUrl);
    const big = 'x'.repeat(5 * 1024 * 1024);
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big), connection: 'keep-alive' } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
        },
      );
      req.on('error', reject);
      req.end(big);
    });
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    // A second request on a fresh connection is answered as usual.
    const res = await postRaw(h, JSON.stringify({ type: 'url_verification', challenge: 'ok', token: 'x' }));
    expect(res.status).toBe(200);
  });

  it('a request line over 16 KB gets 431 with a body that says why', async () => {
    const url = new URL(h.eventsUrl);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`GET /api/v1/activities?q=${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text).toContain('"code":"request_too_large"');
    expect(text).toContain('16 KB');
  });
});
