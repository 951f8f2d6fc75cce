// Writes an export to any Writable (an HTTP response, a file, stdout) page by page, waiting
// for 'drain' whenever the destination is full: memory holds one page, however many rows.
import type { Writable } from 'node:stream';
import type { ActivityView } from '../../activities/read-model';
import { presentActivity } from '../presenters/activity';
import type { ExportEncoding } from './formats';

/** Resolves when `out` can take more, rejects if it closes or fails first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ExportAbortedError('the destination closed before the export finished'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/** The reader went away (client disconnected, pipe closed): not a server error. */
export class ExportAbortedError extends Error {}

async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new ExportAbortedError('the destination closed before the export finished');
  if (!out.write(chunk)) await drained(out);
}

export interface WriteExportOptions {
  pages: AsyncIterable<ActivityView[]>;
  encoding: ExportEncoding;
  out: Writable;
  /** Called after each page with the rows written so far. */
  onProgress?: (rows: number) => void;
}

/**
 * Writes header and rows (not the end: the caller decides whether to end `out`) and returns
 * the row count. Nothing is written before the first page is read, so a failure to read at
 * all can still be answered with a proper error.
 */
export async function writeExport(options: WriteExportOptions): Promise<number> {
  const { pages, encoding, out } = options;
  let rows = 0;
  let chunk = encoding.header;
  for await (const page of pages) {
    for (const activity of page) chunk += encoding.row(presentActivity(activity));
    await write(out, chunk);
    chunk = '';
    rows += page.length;
    options.onProgress?.(rows);
  }
  if (chunk) await write(out, chunk);
  return rows;
}
