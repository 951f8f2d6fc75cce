import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import { EventTally } from '../../../src/slack/event-tally';

function logged() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (c: Buffer) => c.toString().split('\n').filter(Boolean).forEach((l) => lines.push(JSON.parse(l))));
  return { logger: createLogger('info', stream), lines };
}

const flushed = () => new Promise((r) => setImmediate(r));

describe('EventTally', () => {
  it('a quiet period logs nothing', async () => {
    const { logger, lines } = logged();
    new EventTally(logger).flush();
    await flushed();
    expect(lines).toEqual([]);
  });

  it('logs the counts of the period once, then starts again from zero', async () => {
    const { logger, lines } = logged();
    const tally = new EventTally(logger);
    tally.received('T1', 'message');
    tally.received('T1', 'message');
    tally.outcome('recorded');
    tally.outcome('duplicate');
    tally.flush();
    tally.flush();
    await flushed();
    const summaries = lines.filter((l) => String(l.msg).startsWith('Slack events'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ level: 30, received: 2, stored: 1, duplicates: 1, failed: 0 });
    expect(summaries[0]!.msg).toBe('Slack events in the last minute: 2 received, 1 stored, 1 duplicates, 0 dead letters, 0 failed');
  });

  it('failures and refused signatures raise the level to warn', async () => {
    const { logger, lines } = logged();
    const tally = new EventTally(logger);
    tally.failed();
    tally.flush();
    await flushed();
    expect(lines.at(-1)).toMatchObject({ level: 40, failed: 1 });
  });
});
