// The log shows that events arrive: a summary per period (received, stored, duplicates, dead
// letters, failures, refused signatures) at info level, one debug line per event, a line when
// the first event arrives and when Slack verifies the request URL.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import { messageEvent } from '../../../src/simulator/factories';
import { urlVerification } from '../../../src/simulator/factories/envelope';
import { startHarness, TEAM_ID, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { deliverOk } from './support';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function captureLogger(level: string) {
  const stream = new PassThrough();
  const lines: LogLine[] = [];
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as LogLine);
  });
  return { logger: createLogger(level, stream), lines };
}

async function waitFor<T>(find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(DATABASE_KINDS)('event summary in the log (%s)', (kind) => {
  let h: Harness;
  let lines: LogLine[];

  beforeAll(async () => {
    const capture = captureLogger('debug');
    lines = capture.lines;
    h = await startHarness({ kind, logger: capture.logger, appOptions: { eventSummaryIntervalMs: 400 } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('counts what became of the events, and logs a line per event at debug level', async () => {
    const verified = await h.event(urlVerification('challenge-123'));
    expect(verified.status).toBe(200);
    const first = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team: TEAM_ID, text: 'hello' });
    const { body } = await deliverOk(h, first);
    // Slack's redelivery of the same envelope: stored once, counted as a duplicate.
    expect((await h.event(body, { retryNum: 1 })).status).toBe(200);
    await deliverOk(h, messageEvent({ user: 'U0BO', channel: 'C0GENERAL', team: TEAM_ID, text: 'hi' }));
    // An event we cannot map is kept as a dead letter.
    await deliverOk(h, { type: 'message', channel: 'C0GENERAL', user: 'U0ANA', text: 'no ts' });
    // A forged request is refused and counted.
    const forged = await h.event(body, { signatureOverride: 'v0=0000' });
    expect(forged.status).toBe(401);

    // The requests may straddle two periods: add the summaries up.
    const summaries = () => lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Slack events in'));
    const total = (field: string) => summaries().reduce((sum, l) => sum + ((l[field] as number) ?? 0), 0);
    await waitFor(() => (total('received') >= 4 && total('badSignatures') >= 1 ? true : undefined));
    const fields = ['received', 'stored', 'duplicates', 'deadLetters', 'failed', 'badSignatures'];
    expect(Object.fromEntries(fields.map((f) => [f, total(f)]))).toEqual({ received: 4, stored: 2, duplicates: 1, deadLetters: 1, failed: 0, badSignatures: 1 });
    expect(summaries()[0]!.msg).toMatch(/^Slack events in the last 0.4 s: \d+ received, \d+ stored, \d+ duplicates, \d+ dead letters, \d+ failed/);
    expect(summaries().some((l) => l.msg.includes('refused for a bad signature: does SLACK_SIGNING_SECRET match'))).toBe(true);

    expect(lines.some((l) => l.msg === 'Slack verified the request URL: it can now send events, slash commands and interactions here')).toBe(true);
    expect(lines.filter((l) => l.msg === 'first event received from Slack: collection is live')).toHaveLength(1);
    const perEvent = lines.filter((l) => l.level === 20 && l.msg === 'message event handled');
    expect(perEvent.map((l) => l.outcome)).toEqual(['recorded', 'duplicate', 'recorded', 'dead_lettered']);
  });
});
