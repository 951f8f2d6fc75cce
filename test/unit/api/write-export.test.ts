// The export writer respects backpressure: it never has more than one page in flight, and
// stops when the reader goes away.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXPORT_ENCODINGS } from '../../../src/api/export/formats';
import { ExportAbortedError, writeExport } from '../../../src/api/export/write-export';
import type { ActivityView } from '../../../src/activities/read-model';

function view(i: number): ActivityView {
  return {
    id: `act_${String(i).padStart(6, '0')}`,
    workspaceId: 'T1',
    type: 'post.created',
    version: 1,
    storedVersion: 1,
    occurredAt: new Date(1_700_000_000_000 - i * 1000),
    receivedAt: new Date(1_700_000_000_000),
    initiator: null,
    recipient: null,
    channelId: null,
    channelPrivate: false,
    metadata: { title: `post ${i}` },
    source: 'api',
    sourceKey: `api:${i}`,
    labelsPending: false,
  };
}

async function* pages(count: number, size: number, onPage?: (n: number) => void): AsyncGenerator<ActivityView[]> {
  for (let start = 0; start < count; start += size) {
    onPage?.(start / size);
    yield Array.from({ length: Math.min(size, count - start) }, (_, k) => view(start + k));
  }
}

/** A slow sink with a tiny buffer: every write fills it. */
function slowSink(received: string[]) {
  return new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk.toString('utf8'));
      setTimeout(callback, 2);
    },
  });
}

describe('writeExport', () => {
  it('writes every row once, in order, with the header first', async () => {
    const received: string[] = [];
    const rows = await writeExport({ pages: pages(2500, 1000), encoding: EXPORT_ENCODINGS.ndjson, out: slowSink(received) });
    expect(rows).toBe(2500);
    const lines = received.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual(Array.from({ length: 2500 }, (_, i) => view(i).id));
  });

  it('does not read the next page before the destination drained', async () => {
    const received: string[] = [];
    const sink = slowSink(received);
    const pagesReadWhileFull: number[] = [];
    await writeExport({
      pages: pages(50, 5, (n) => {
        if (sink.writableNeedDrain) pagesReadWhileFull.push(n);
      }),
      encoding: EXPORT_ENCODINGS.csv,
      out: sink,
    });
    expect(pagesReadWhileFull).toEqual([]);
    expect(received[0]!.startsWith('id,workspace_id,')).toBe(true);
  });

  it('writes only the header for an empty export', async () => {
    const received: string[] = [];
    expect(await writeExport({ pages: pages(0, 10), encoding: EXPORT_ENCODINGS.csv, out: slowSink(received) })).toBe(0);
    expect(received.join('')).toBe(EXPORT_ENCODINGS.csv.header);
  });

  it('stops with ExportAbortedError when the destination closes', async () => {
    const sink = slowSink([]);
    let pagesRead = 0;
    const writing = writeExport({ pages: pages(100_000, 100, () => pagesRead++), encoding: EXPORT_ENCODINGS.ndjson, out: sink });
    setTimeout(() => sink.destroy(), 10);
    await expect(writing).rejects.toBeInstanceOf(ExportAbortedError);
    expect(pagesRead).toBeLessThan(20);
  });
});
