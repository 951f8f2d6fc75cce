// What scrubbing a deleted Slack message does to a stored row, written once for every place it
// happens: in JavaScript when a deletion arrives after what it deletes (scrubMessageText), or
// when a deletion and what it deletes are in one group commit; in SQL when the message, a
// reply or an edit is stored after its deletion (the insert itself, see insertCheckedSql in
// ActivityRepository). All of them must leave the same row behind.
import type { StoreKind } from './database-url';

/** Metadata fields holding the message's words: emptied, kept as fields (the schemas require them). */
export const SCRUBBED_TEXT_FIELDS = ['excerpt', 'previous_excerpt'] as const;

/** The types that are the message itself (not an edit): they also get `deleted_at`. */
export const MESSAGE_POST_TYPES = ['slack_message.created', 'slack_message.threaded_reply.created'] as const;

/** A row's metadata with the deleted message's words removed; searchText goes to null beside it. */
export function scrubMetadata(type: string, metadata: Record<string, unknown>, deletedAt: Date): Record<string, unknown> {
  const scrubbed = { ...metadata };
  for (const field of SCRUBBED_TEXT_FIELDS) {
    if (typeof scrubbed[field] === 'string') scrubbed[field] = '';
  }
  if ((MESSAGE_POST_TYPES as readonly string[]).includes(type)) scrubbed.deleted_at = deletedAt.toISOString();
  return scrubbed;
}

/**
 * Whether a row was scrubbed by a deletion: its searchText was nulled then and must stay null
 * (labels filled in later must not make a deleted message findable again).
 */
export function wasScrubbed(type: string, metadata: Record<string, unknown>, searchText: string | null): boolean {
  if (searchText !== null) return false;
  if (typeof metadata.deleted_at === 'string') return true;
  return type === 'slack_message.edited' && SCRUBBED_TEXT_FIELDS.every((f) => metadata[f] === undefined || metadata[f] === '');
}

const postTypes = MESSAGE_POST_TYPES.map((t) => `'${t}'`).join(', ');

/**
 * scrubMetadata as an SQL expression over the row aliased `row` (its "metadata" and "type"),
 * with the deletion time given as an SQL timestamp expression. Only fields that are there are
 * emptied; deleted_at is written as toISOString() writes it.
 */
export function scrubMetadataSql(kind: StoreKind, row: string, deletedAt: string): string {
  if (kind === 'sqlite') {
    const emptied = `json_replace(${row}."metadata", ${SCRUBBED_TEXT_FIELDS.map((f) => `'$.${f}', ''`).join(', ')})`;
    const at = `strftime('%Y-%m-%dT%H:%M:%fZ', ${deletedAt})`;
    return `CASE WHEN ${row}."type" IN (${postTypes}) THEN json_set(${emptied}, '$.deleted_at', ${at}) ELSE ${emptied} END`;
  }
  const emptied = SCRUBBED_TEXT_FIELDS.reduce((expr, f) => `jsonb_set(${expr}, '{${f}}', '""'::jsonb, false)`, `${row}."metadata"`);
  const at = `to_jsonb(to_char(${deletedAt}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
  return `CASE WHEN ${row}."type" IN (${postTypes}) THEN jsonb_set(${emptied}, '{deleted_at}', ${at}, true) ELSE ${emptied} END`;
}
