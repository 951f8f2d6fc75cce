// "The two providers' models do not drift": the generated schemas match the one model source,
// each provider's migration history builds exactly what its schema describes, and the two
// providers' databases have the same tables, columns, indexes and foreign keys.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS, renderSchema, schemaPath } from '../../../scripts/prisma-schemas';
import type { StoreKind } from '../../../src/store/database-url';
import { sqliteFilePath } from '../../../src/store/database-url';
import { migrate } from '../../../src/store/migrate';
import { createTestDatabase, type TestDatabase, execSql } from '../../support/databases';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const PRISMA = join(ROOT, 'node_modules', '.bin', 'prisma');

interface Column {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
}
interface Index {
  name: string;
  unique: boolean;
  /** Column names, with " DESC" on descending ones, in index order. */
  columns: string[];
}
interface ForeignKey {
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
interface Table {
  columns: Column[];
  primaryKey: string[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}
type Catalog = Record<string, Table>;

const BOOKKEEPING = '_prisma_migrations';

function sqliteCatalog(url: string): Catalog {
  const db = new Database(sqliteFilePath(url), { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ? ORDER BY name`)
      .all(BOOKKEEPING) as { name: string }[];
    const catalog: Catalog = {};
    for (const { name } of tables) {
      const info = db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[];
      const indexList = db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[];
      const indexes: Index[] = indexList
        .filter((i) => i.origin !== 'pk')
        .map((i) => {
          const cols = (db.prepare(`PRAGMA index_xinfo("${i.name}")`).all() as { name: string | null; desc: number; key: number }[])
            .filter((c) => c.key === 1)
            .map((c) => `${c.name}${c.desc ? ' DESC' : ''}`);
          return { name: i.name, unique: i.unique === 1, columns: cols };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      const fkRows = db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
        id: number;
        seq: number;
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }[];
      const byId = new Map<number, ForeignKey>();
      for (const fk of fkRows.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
        const entry = byId.get(fk.id) ?? { columns: [], refTable: fk.table, refColumns: [], onDelete: fk.on_delete, onUpdate: fk.on_update };
        entry.columns.push(fk.from);
        entry.refColumns.push(fk.to);
        byId.set(fk.id, entry);
      }
      catalog[name] = {
        columns: info.map((c) => ({ name: c.name, type: c.type, nullable: c.notnull === 0, default: c.dflt_value })),
        primaryKey: info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        indexes,
        foreignKeys: [...byId.values()].sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
      };
    }
    return catalog;
  } finally {
    db.close();
  }
}

const PG_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

async function postgresCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string; type: string; is_nullable: string; column_default: string | null }>(
      `SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod) AS type, c.is_nullable, c.column_default
       FROM information_schema.columns c
       JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
       WHERE c.table_schema = 'public' AND c.table_name <> $1
       ORDER BY c.table_name, c.ordinal_position`,
      [BOOKKEEPING],
    );
    const indexes = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(
      `SELECT t.relname::text AS table, i.relname::text AS name, x.indisunique AS unique, x.indisprimary AS primary,
              array_agg(a.attname::text || CASE WHEN (x.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> $1
       GROUP BY t.relname, i.relname, x.indisunique, x.indisprimary`,
      [BOOKKEEPING],
    );
    const fks = await client.query<{ table: string; columns: string[]; ref_table: string; ref_columns: string[]; del: string; upd: string }>(
      `SELECT t.relname::text AS table, r.relname::text AS ref_table, c.confdeltype AS del, c.confupdtype AS upd,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const catalog: Catalog = {};
    const table = (name: string): Table => (catalog[name] ??= { columns: [], primaryKey: [], indexes: [], foreignKeys: [] });
    for (const c of columns.rows) {
      table(c.table_name).columns.push({ name: c.column_name, type: c.type, nullable: c.is_nullable === 'YES', default: c.column_default });
    }
    for (const i of indexes.rows) {
      if (i.primary) table(i.table).primaryKey = i.columns;
      else table(i.table).indexes.push({ name: i.name, unique: i.unique, columns: i.columns });
    }
    for (const f of fks.rows) {
      table(f.table).foreignKeys.push({
        columns: f.columns,
        refTable: f.ref_table,
        refColumns: f.ref_columns,
        onDelete: PG_ACTIONS[f.del] ?? f.del,
        onUpdate: PG_ACTIONS[f.upd] ?? f.upd,
      });
    }
    for (const t of Object.values(catalog)) {
      t.indexes.sort((a, b) => a.name.localeCompare(b.name));
      t.foreignKeys.sort((a, b) => a.columns.join().localeCompare(b.columns.join()));
    }
    return Object.fromEntries(Object.entries(catalog).sort(([a], [b]) => a.localeCompare(b)));
  } finally {
    await client.end();
  }
}

function catalogOf(kind: StoreKind, url: string): Promise<Catalog> {
  return kind === 'sqlite' ? Promise.resolve(sqliteCatalog(url)) : postgresCatalog(url);
}

/** What `prisma migrate diff` says an empty database needs to match the provider's schema. */
async function schemaScript(kind: StoreKind, url: string): Promise<string> {
  const { stdout } = await run(
    PRISMA,
    [
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema-datamodel',
      join('prisma', kind, 'schema.prisma'),
      '--script',
      '--config',
      join('prisma', `${kind}.config.ts`),
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 },
  );
  return stdout;
}

describe('generated schemas', () => {
  it.each(PROVIDERS)('prisma/%s/schema.prisma is exactly what scripts/prisma-schemas.ts renders from the models', (provider) => {
    expect(readFileSync(schemaPath(provider), 'utf8')).toBe(renderSchema(provider));
  });

  it('the two schemas differ only in the generator output and the datasource', () => {
    const strip = (text: string) =>
      text
        .replace(/output\s*=\s*"[^"]*"/, 'output = …')
        .replace(/provider\s*=\s*"(sqlite|postgresql)"/, 'provider = …')
        .replace(/url\s*=\s*"[^"]*"/, 'url = …');
    expect(strip(renderSchema('sqlite'))).toBe(strip(renderSchema('postgresql')));
  });
});

describe('migration histories', () => {
  const databases: TestDatabase[] = [];
  const migrated: Partial<Record<StoreKind, Catalog>> = {};
  const fromSchema: Partial<Record<StoreKind, Catalog>> = {};

  beforeAll(async () => {
    await Promise.all(
      (['sqlite', 'postgresql'] as const).map(async (kind) => {
        const [history, scratch] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
        databases.push(history, scratch);
        await migrate(kind, history.url);
        migrated[kind] = await catalogOf(kind, history.url);
        await execSql(kind, scratch.url, await schemaScript(kind, scratch.url));
        fromSchema[kind] = await catalogOf(kind, scratch.url);
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it.each(['sqlite', 'postgresql'] as const)(
    '%s: the migration history builds exactly the schema the models describe (tables, columns, indexes, foreign keys)',
    (kind) => {
      const history = migrated[kind]!;
      expect(Object.keys(history).length).toBeGreaterThanOrEqual(8);
      expect(history).toEqual(fromSchema[kind]);
    },
  );

  it('SQLite and PostgreSQL have the same tables, columns (name, nullability), keys, indexes and foreign keys', () => {
    const portable = (catalog: Catalog) =>
      Object.fromEntries(
        Object.entries(catalog).map(([name, t]) => [
          name,
          {
            columns: t.columns.map((c) => ({ name: c.name, nullable: c.nullable })),
            primaryKey: t.primaryKey,
            indexes: t.indexes,
            foreignKeys: t.foreignKeys,
          },
        ]),
      );
    const sqlite = portable(migrated.sqlite!);
    const postgres = portable(migrated.postgresql!);
    expect(Object.keys(sqlite)).toEqual(Object.keys(postgres));
    expect(sqlite).toEqual(postgres);
  });

  it.each(['sqlite', 'postgresql'] as const)('%s: the comparison catches drift (an extra index or a nullability change)', async (kind) => {
    const drifted = await createTestDatabase(kind);
    databases.push(drifted);
    await migrate(kind, drifted.url);
    await execSql(kind, drifted.url, 'CREATE INDEX "Drift_idx" ON "Member"("email")');
    expect(await catalogOf(kind, drifted.url)).not.toEqual(fromSchema[kind]);
    if (kind === 'postgresql') {
      await execSql(kind, drifted.url, 'DROP INDEX "Drift_idx"; ALTER TABLE "Member" ALTER COLUMN "workspaceId" DROP NOT NULL');
      expect(await catalogOf(kind, drifted.url)).not.toEqual(fromSchema[kind]);
    }
  });

  it.each(['sqlite', 'postgresql'] as const)('%s: the comparison catches an index whose direction changed', async (kind) => {
    const drifted = await createTestDatabase(kind);
    databases.push(drifted);
    await migrate(kind, drifted.url);
    // The history once had these descending (see migration 20261201200000_ascending_activity_indexes).
    await execSql(
      kind,
      drifted.url,
      'DROP INDEX "Activity_workspaceId_occurredAt_id_idx"; ' +
        'CREATE INDEX "Activity_workspaceId_occurredAt_id_idx" ON "Activity"("workspaceId", "occurredAt" DESC, "id" DESC)',
    );
    const catalog = await catalogOf(kind, drifted.url);
    expect(catalog.Activity!.indexes).toContainEqual({
      name: 'Activity_workspaceId_occurredAt_id_idx',
      unique: false,
      columns: ['workspaceId', 'occurredAt DESC', 'id DESC'],
    });
    expect(catalog).not.toEqual(fromSchema[kind]);
  });

  it('the catalog reader sees what matters (a sanity check on the comparison itself)', () => {
    for (const kind of ['sqlite', 'postgresql'] as const) {
      const activity = migrated[kind]!.Activity!;
      expect(activity.primaryKey).toEqual(['id']);
      expect(activity.indexes).toContainEqual({
        name: 'Activity_workspaceId_sourceKey_key',
        unique: true,
        columns: ['workspaceId', 'sourceKey'],
      });
      expect(activity.indexes).toContainEqual({
        name: 'Activity_workspaceId_occurredAt_id_idx',
        unique: false,
        columns: ['workspaceId', 'occurredAt', 'id'],
      });
      expect(activity.foreignKeys).toContainEqual({
        columns: ['initiatorId'],
        refTable: 'Member',
        refColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      });
      expect(activity.columns.find((c) => c.name === 'recipientId')?.nullable).toBe(true);
      expect(activity.columns.find((c) => c.name === 'sourceKey')?.nullable).toBe(false);
    }
  });
});
