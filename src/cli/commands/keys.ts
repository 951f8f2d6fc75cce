// `keys create | list | revoke`: API keys for /api/v1. The secret is printed once, on stdout
// alone (so `KEY=$(npm run -s cli -- keys create ...)` works); everything else goes to stderr.
import { API_SCOPES, type ApiScope } from '../../api/principal';
import { isApiScope } from '../../api/auth';
import { parseScopes, type ApiKeyRow } from '../../store/repositories/api-key-repository';
import type { Store } from '../../store/store';
import { CliError, line, usageError, type CliIo } from '../io';

/** Parses --scopes: a comma-separated list of API scopes, or "all". */
export function parseScopeList(value: string | undefined): ApiScope[] {
  if (!value?.trim()) throw usageError(`--scopes is required: a comma-separated list of ${API_SCOPES.join(', ')} (or "all")`);
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.includes('all')) return [...API_SCOPES];
  const unknown = names.filter((s) => !isApiScope(s));
  if (unknown.length > 0) throw usageError(`unknown scope ${unknown.map((s) => `"${s}"`).join(', ')}: expected ${API_SCOPES.join(', ')} or "all"`);
  return [...new Set(names as ApiScope[])];
}

function presentKey(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    workspace_id: key.workspaceId,
    scopes: parseScopes(key.scopes),
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

/** Rows of text as aligned columns. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

export async function createKey(
  io: CliIo,
  store: Store,
  options: { workspaceId: string; name: string | undefined; scopes: string | undefined; json: boolean },
): Promise<void> {
  const name = options.name?.trim();
  if (!name) throw usageError('--name is required: what the key is for, e.g. --name "community site"');
  if (name.length > 200) throw usageError('--name is at most 200 characters');
  const scopes = parseScopeList(options.scopes);
  const { key, secret } = await store.apiKeys.create({ workspaceId: options.workspaceId, name, scopes });
  if (options.json) {
    line(io.stdout, JSON.stringify({ ...presentKey(key), secret }));
    return;
  }
  line(io.stderr, `Created API key "${key.name}" (id ${key.id}) for workspace ${key.workspaceId}, scopes: ${scopes.join(', ')}.`);
  line(io.stderr, 'Copy it now: it is shown only this once (only its hash is stored).');
  line(io.stdout, secret);
}

export async function listKeys(io: CliIo, store: Store, options: { workspaceId: string; json: boolean }): Promise<void> {
  const keys = await store.apiKeys.list(options.workspaceId);
  if (options.json) {
    line(io.stdout, JSON.stringify(keys.map(presentKey)));
    return;
  }
  if (keys.length === 0) {
    line(io.stderr, `No API keys for workspace ${options.workspaceId}. Create one: npm run cli -- keys create --name <name> --scopes <scopes>`);
    return;
  }
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');
  line(
    io.stdout,
    table([
      ['ID', 'NAME', 'PREFIX', 'SCOPES', 'CREATED', 'LAST USED', 'STATUS'],
      ...keys.map((k) => [k.id, k.name, `${k.prefix}…`, k.scopes, day(k.createdAt), day(k.lastUsedAt), k.revokedAt ? `revoked ${day(k.revokedAt)}` : 'active']),
    ]),
  );
}

export async function revokeKey(io: CliIo, store: Store, options: { workspaceId: string; key: string | undefined }): Promise<void> {
  if (!options.key) throw usageError('which key? keys revoke <id or prefix> (see keys list)');
  const matches = await store.apiKeys.find(options.workspaceId, options.key.replace(/…$/, ''));
  if (matches.length === 0) throw new CliError(`no API key ${options.key} in workspace ${options.workspaceId} (see keys list)`);
  if (matches.length > 1) throw new CliError(`${options.key} matches ${matches.length} keys: use the id (see keys list)`);
  const key = matches[0]!;
  if (key.revokedAt) {
    line(io.stderr, `API key "${key.name}" (${key.id}) was already revoked at ${key.revokedAt.toISOString()}.`);
    return;
  }
  await store.apiKeys.revoke(key.id);
  line(io.stderr, `Revoked API key "${key.name}" (${key.id}): it stops working at once.`);
}
