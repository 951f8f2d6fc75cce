// The store and workspace a CLI command works on: DATABASE_URL as the app reads it, and the
// workspace from --workspace or, when there is just one, that one. The CLI never creates a
// database: a SQLite file that does not exist, or a PostgreSQL database the app never
// migrated, is reported with what to do (start the app once, or point DATABASE_URL at the
// demo's data), instead of an empty database made just to say that it is empty.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import pg from 'pg';
import { activityRegistry } from '../activities';
import { describeStore, sqliteFilePath, storeKindOf } from '../store/database-url';
import { openStore, type Store } from '../store/store';
import { CliError, usageError } from './io';

/** Where `npm run demo` keeps its data (src/simulator/demo.ts), for hints. */
export const DEMO_DATABASE_URL = 'file:./data/demo.db';

/** DATABASE_URL as the app reads it: empty means unset (SQLite at ./data/activity.db). */
export function databaseUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_URL?.trim();
  if (!url) return undefined;
  const kind = storeKindOf(url);
  if (kind instanceof Error) throw new CliError(`DATABASE_URL: ${kind.message}`);
  return url;
}

/** "After the demo, …" when the demo's database is there and another one was asked for. */
function demoHint(url: string | undefined): string {
  const demo = sqliteFilePath(DEMO_DATABASE_URL);
  if (!existsSync(demo) || (url !== undefined && sqliteFilePath(url) === demo)) return '';
  return ` The demo's data is in ./${relative(process.cwd(), demo)}: DATABASE_URL=${DEMO_DATABASE_URL} npm run cli -- <command>.`;
}

/** Throws a CliError unless the database DATABASE_URL names exists and the app has set it up. */
export async function requireExistingStore(url: string | undefined): Promise<void> {
  const where = describeStore(url);
  if (storeKindOf(url) === 'sqlite') {
    const path = sqliteFilePath(url);
    if (path !== ':memory:' && !existsSync(path)) {
      throw new CliError(`no database at ${path} yet: the app creates it on its first start (npm start), or set DATABASE_URL.${demoHint(url)}`);
    }
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const result = await client.query<{ table: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS "table"`);
    if (!result.rows[0]?.table) {
      throw new CliError(`${where} has no tables yet: start the app once (npm start) or run npm run db:migrate.`);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot open ${where}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openCliStore(env: NodeJS.ProcessEnv): Promise<Store> {
  const url = databaseUrlFrom(env);
  await requireExistingStore(url);
  // Pending migrations (a newer app than the database) are applied, as the app would at start.
  return openStore({ databaseUrl: url, registry: activityRegistry });
}

/** The workspace named by --workspace (which must exist), else the only one in the store. */
export async function resolveWorkspace(store: Store, flag: string | undefined, env: NodeJS.ProcessEnv = {}): Promise<string> {
  if (flag) {
    if (!(await store.workspaces.get(flag))) {
      const known = (await store.workspaces.list()).map((w) => w.id);
      throw new CliError(`no workspace ${flag} in this database${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
    return flag;
  }
  const workspaces = await store.workspaces.list();
  if (workspaces.length === 1) return workspaces[0]!.id;
  if (workspaces.length === 0) {
    const url = databaseUrlFrom(env);
    throw new CliError(`no workspace in ${describeStore(url)} yet: start the app once (npm start) so it connects to Slack.${demoHint(url)}`);
  }
  throw usageError(`this database holds several workspaces (${workspaces.map((w) => `${w.id}${w.name ? ` ${w.name}` : ''}`).join(', ')}): pass --workspace <id>`);
}
