// The SQL of a group commit's INSERT, cached per row count: one statement per chunk of rows,
// `ON CONFLICT DO NOTHING` returning the keys actually inserted, and (for rows that hold a
// message's words) a form that inserts them already scrubbed when their deletion is stored.
import type { StoreKind } from '../database-url';
import type { Prisma } from '../prisma-client';
import { scrubMetadataSql } from '../message-scrub';

/** Rows per INSERT statement (well under SQLite's and PostgreSQL's bound-parameter limits). */
export const INSERT_CHUNK = 50;
const INSERT_COLUMNS = ['id', 'workspaceId', 'type', 'version', 'occurredAt', 'receivedAt', 'initiatorId', 'recipientId', 'channelId',
  'channelPrivate', 'metadata', 'searchText', 'source', 'sourceKey', 'labelsPending'] as const;
const METADATA_COLUMN = INSERT_COLUMNS.indexOf('metadata');
const insertSqlCache = new Map<string, string>();

/**
 * `INSERT … VALUES (…) × rows ON CONFLICT DO NOTHING`, returning one `key` per row actually
 * inserted: workspaceId, a tab, sourceKey (see keyOf; a workspace id never holds a tab, so
 * the pair is unambiguous whatever the source key holds). Built once per provider and row count.
 */
export function insertSql(kind: StoreKind, rowCount: number): string {
  const cacheKey = `${kind}:${rowCount}`;
  let sql = insertSqlCache.get(cacheKey);
  if (sql) return sql;
  const width = INSERT_COLUMNS.length;
  const tuples = Array.from({ length: rowCount }, (_, row) => {
    const marks = INSERT_COLUMNS.map((_, col) => {
      if (kind === 'sqlite') return '?';
      const n = row * width + col + 1;
      return col === METADATA_COLUMN ? `$${n}::jsonb` : `$${n}`;
    });
    return `(${marks.join(', ')})`;
  });
  const key = kind === 'sqlite' ? `"workspaceId" || char(9) || "sourceKey"` : `"workspaceId" || chr(9) || "sourceKey"`;
  sql = `INSERT INTO "Activity" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')} ` +
    `ON CONFLICT ("workspaceId", "sourceKey") DO NOTHING RETURNING ${key} AS "key"`;
  insertSqlCache.set(cacheKey, sql);
  return sql;
}

/** PostgreSQL types of INSERT_COLUMNS, for the casts a VALUES list needs outside an INSERT. */
const PG_TYPES: Record<(typeof INSERT_COLUMNS)[number], string> = {
  id: 'text', workspaceId: 'text', type: 'text', version: 'integer', occurredAt: 'timestamp(3)', receivedAt: 'timestamp(3)',
  initiatorId: 'text', recipientId: 'text', channelId: 'text', channelPrivate: 'boolean', metadata: 'jsonb', searchText: 'text',
  source: 'text', sourceKey: 'text', labelsPending: 'boolean',
};

/**
 * insertSql for rows that may hold a deleted message's words (each row's last value is its
 * deletionSourceKey, or null): the same insert, except that a row whose deletion is already
 * stored goes in scrubbed (see message-scrub.ts), decided by the database in the same
 * statement. `WHERE true` keeps SQLite from reading ON CONFLICT as the join's ON.
 */
export function insertCheckedSql(kind: StoreKind, rowCount: number): string {
  const cacheKey = `${kind}:checked:${rowCount}`;
  let sql = insertSqlCache.get(cacheKey);
  if (sql) return sql;
  const columns = [...INSERT_COLUMNS, 'deletionKey'];
  const tuples = Array.from({ length: rowCount }, (_, row) => {
    const marks = columns.map((column, col) => {
      if (kind === 'sqlite') return '?';
      return `$${row * columns.length + col + 1}::${PG_TYPES[column as keyof typeof PG_TYPES] ?? 'text'}`;
    });
    return `(${marks.join(', ')})`;
  });
  const found = `d."occurredAt" IS NOT NULL`;
  const values = INSERT_COLUMNS.map((c) => {
    if (c === 'metadata') return `CASE WHEN ${found} THEN ${scrubMetadataSql(kind, 'v', 'd."occurredAt"')} ELSE v."metadata" END`;
    if (c === 'searchText') return `CASE WHEN ${found} THEN NULL ELSE v."searchText" END`;
    return `v."${c}"`;
  });
  const key = kind === 'sqlite' ? `"workspaceId" || char(9) || "sourceKey"` : `"workspaceId" || chr(9) || "sourceKey"`;
  sql = `WITH v(${columns.map((c) => `"${c}"`).join(', ')}) AS (VALUES ${tuples.join(', ')}) ` +
    `INSERT INTO "Activity" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}) SELECT ${values.join(', ')} FROM v ` +
    `LEFT JOIN "Activity" AS d ON d."workspaceId" = v."workspaceId" AND d."sourceKey" = v."deletionKey" WHERE true ` +
    `ON CONFLICT ("workspaceId", "sourceKey") DO NOTHING RETURNING ${key} AS "key"`;
  insertSqlCache.set(cacheKey, sql);
  return sql;
}

/** The bound values for insertSql (and insertCheckedSql, given `deletionKeys`), row after row, in INSERT_COLUMNS order. */
export function insertParams(
  rows: Prisma.ActivityCreateManyInput[],
  map: (value: unknown) => unknown = (v) => v,
  deletionKeys?: ReadonlyMap<Prisma.ActivityCreateManyInput, string>,
): unknown[] {
  const params: unknown[] = [];
  for (const r of rows) {
    params.push(
      map(r.id), map(r.workspaceId), map(r.type), map(r.version), map(r.occurredAt), map(r.receivedAt ?? new Date()),
      map(r.initiatorId ?? null), map(r.recipientId ?? null), map(r.channelId ?? null), map(r.channelPrivate ?? false),
      map(JSON.stringify(r.metadata)), map(r.searchText ?? null), map(r.source), map(r.sourceKey), map(r.labelsPending ?? false),
    );
    if (deletionKeys) params.push(deletionKeys.get(r) ?? null);
  }
  return params;
}

