// `export`: the same export as GET /api/v1/export, to stdout or a file, with the same filters
// (validated by the same schema), and a progress bar when stderr is a terminal.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { plainWords, toIssues } from '../../activities/issues';
import type { ActivityRegistry } from '../../activities/registry';
import { EXPORT_ENCODINGS } from '../../api/export/formats';
import { ExportAbortedError, writeExport } from '../../api/export/write-export';
import { activityFilterFrom, checkTypeFilter } from '../../api/filters';
import { EXPORT_PAGE_SIZE } from '../../api/routes/export';
import { exportQuery } from '../../api/schemas/activity';
import { countActivities, exportPages } from '../../queries/activities';
import type { Store } from '../../store/store';
import { line, usageError, type CliIo } from '../io';
import { ProgressBar } from '../progress';

export interface ExportFlags {
  format?: string | undefined;
  type?: string[] | undefined;
  member?: string | undefined;
  channel?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  q?: string | undefined;
  output?: string | undefined;
  quiet?: boolean | undefined;
}

/**
 * The flags as the API's export query: the same schema and the same plain-worded problems,
 * every one of them at once (an unknown type included), each named by its flag.
 */
export function exportQueryFromFlags(flags: ExportFlags, registry: ActivityRegistry) {
  const raw = Object.fromEntries(
    Object.entries({ format: flags.format, type: flags.type, member: flags.member, channel: flags.channel, since: flags.since, until: flags.until, q: flags.q }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const parsed = exportQuery.safeParse(raw, { error: plainWords });
  const issues = [...(parsed.success ? [] : toIssues(parsed.error, 'query')), ...checkTypeFilter(registry)(raw)];
  if (!parsed.success || issues.length > 0) {
    throw usageError(issues.map((i) => `--${i.path.replace(/^query\.?/, '') || 'filters'}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

export async function exportCommand(
  io: CliIo,
  store: Store,
  registry: ActivityRegistry,
  options: { workspaceId: string; flags: ExportFlags },
): Promise<void> {
  const query = exportQueryFromFlags(options.flags, registry);
  const filter = await activityFilterFrom(store, options.workspaceId, query, registry);
  const encoding = EXPORT_ENCODINGS[query.format];
  const showProgress = io.stderrIsTty && !options.flags.quiet;
  const total = showProgress ? await countActivities(store, filter) : 0;
  const bar = showProgress ? new ProgressBar(io.stderr, total, io.columns) : null;

  const toFile = options.flags.output !== undefined && options.flags.output !== '-';
  const out: Writable = toFile ? createWriteStream(options.flags.output!, { flags: 'w' }) : io.stdout;
  // A closed pipe (`| head`) is the reader leaving, not a failure worth a stack trace.
  let pipeClosed = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') pipeClosed = true;
  };
  out.on('error', onError);
  if (toFile) await once(out, 'open');
  try {
    const rows = await writeExport({
      pages: exportPages(store, filter, EXPORT_PAGE_SIZE),
      encoding,
      out,
      ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
    });
    bar?.finish(rows);
    if (toFile) {
      out.end();
      await once(out, 'finish');
    }
    if (toFile || showProgress) line(io.stderr, `Exported ${rows.toLocaleString('en-US')} activities${toFile ? ` to ${options.flags.output}` : ''}.`);
  } catch (error) {
    if (error instanceof ExportAbortedError && pipeClosed) return;
    throw error;
  } finally {
    out.off('error', onError);
  }
}
