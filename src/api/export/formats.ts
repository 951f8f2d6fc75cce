// Export formats. NDJSON: one activity per line, exactly as the list endpoint shows it.
// CSV (RFC 4180): one row per activity, CRLF line ends, fields quoted when they hold a comma,
// a quote, a line break or edge whitespace; metadata as one JSON column. Text that a
// spreadsheet would run as a formula (starting with = + - @, a tab or a CR: a member can
// set such a display name) gets a leading apostrophe, as OWASP advises against CSV injection;
// spreadsheets show the text without it, and NDJSON exports keep the text untouched.
import type { ActivityResponse } from '../schemas/activity';
import type { ExportFormat } from '../schemas/activity';

export const CSV_COLUMNS = [
  'id',
  'workspace_id',
  'type',
  'version',
  'stored_version',
  'occurred_at',
  'received_at',
  'initiator_id',
  'initiator_slack_user_id',
  'initiator_name',
  'recipient_id',
  'recipient_slack_user_id',
  'recipient_name',
  'channel_id',
  'source',
  'metadata',
] as const;

/** Leading characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted (quotes doubled) only when it has to be. Text (not numbers) that would
 * start a formula is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(a: ActivityResponse): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    id: a.id,
    workspace_id: a.workspace_id,
    type: a.type,
    version: a.version,
    stored_version: a.stored_version,
    occurred_at: a.occurred_at,
    received_at: a.received_at,
    initiator_id: a.initiator?.id ?? null,
    initiator_slack_user_id: a.initiator?.slack_user_id ?? null,
    initiator_name: a.initiator?.name ?? null,
    recipient_id: a.recipient?.id ?? null,
    recipient_slack_user_id: a.recipient?.slack_user_id ?? null,
    recipient_name: a.recipient?.name ?? null,
    channel_id: a.channel_id,
    source: a.source,
    metadata: JSON.stringify(a.metadata),
  };
  return `${CSV_COLUMNS.map((c) => csvField(values[c])).join(',')}\r\n`;
}

export function ndjsonRow(a: ActivityResponse): string {
  return `${JSON.stringify(a)}\n`;
}

export interface ExportEncoding {
  contentType: string;
  extension: string;
  header: string;
  row: (a: ActivityResponse) => string;
}

export const EXPORT_ENCODINGS: Record<ExportFormat, ExportEncoding> = {
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson', header: '', row: ndjsonRow },
  csv: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv', header: csvHeader(), row: csvRow },
};
