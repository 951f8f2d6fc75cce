// The store and workspace a CLI command works on: DATABASE_URL as the app reads it, and the
// workspace from --workspace or, when there is just one, that one.
import { activityRegistry } from '../activities';
import { storeKindOf } from '../store/database-url';
import { openStore, type Store } from '../store/store';
import { CliError, usageError } from './io';

/** DATABASE_URL as the app reads it: empty means unset (SQLite at ./data/activity.db). */
export function databaseUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_URL?.trim();
  if (!url) return undefined;
  const kind = storeKindOf(url);
  if (kind instanceof Error) throw new CliError(`DATABASE_URL: ${kind.message}`);
  return url;
}

export async function openCliStore(env: NodeJS.ProcessEnv): Promise<Store> {
  return openStore({ databaseUrl: databaseUrlFrom(env), registry: activityRegistry });
}

/** The workspace named by --workspace (which must exist), else the only one in the store. */
export async function resolveWorkspace(store: Store, flag: string | undefined): Promise<string> {
  if (flag) {
    if (!(await store.workspaces.get(flag))) {
      const known = (await store.workspaces.list()).map((w) => w.id);
      throw new CliError(`no workspace ${flag} in this database${known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
    return flag;
  }
  const workspaces = await store.workspaces.list();
  if (workspaces.length === 1) return workspaces[0]!.id;
  if (workspaces.length === 0) throw new CliError('no workspace in this database yet: start the app once (npm start) so it connects to Slack');
  throw usageError(`this database holds several workspaces (${workspaces.map((w) => `${w.id}${w.name ? ` ${w.name}` : ''}`).join(', ')}): pass --workspace <id>`);
}
