// `workspaces list` and `workspaces remove <id>`: the workspaces in the database, how each is
// installed (its own OAuth install, an organisation-wide one, or the bot token of
// single-workspace mode), and whether the app was uninstalled from it. An uninstalled
// workspace's data stays until an admin removes it here; `remove` first says exactly what it
// would delete, and deletes only with --yes.
import type { Store } from '../../store/store';
import { CliError, line, usageError, type CliIo } from '../io';
import { table } from './keys';

interface WorkspaceReport {
  id: string;
  name: string | null;
  enterprise_id: string | null;
  installation: string;
  installed_at: string;
  revoked_at: string | null;
  activities: number;
}

async function installationOf(store: Store, id: string): Promise<string> {
  const installation = await store.installations.forWorkspace(id);
  if (!installation) return 'bot token (SLACK_BOT_TOKEN)';
  const how = installation.isEnterpriseInstall ? `org-wide ${installation.id}` : 'workspace install';
  return installation.revokedAt ? `${how} (revoked)` : how;
}

export async function listWorkspaces(io: CliIo, store: Store, options: { json: boolean }): Promise<void> {
  const reports: WorkspaceReport[] = [];
  for (const w of await store.workspaces.list()) {
    reports.push({
      id: w.id,
      name: w.name,
      enterprise_id: w.enterpriseId,
      installation: await installationOf(store, w.id),
      installed_at: w.installedAt.toISOString(),
      revoked_at: w.revokedAt?.toISOString() ?? null,
      activities: await store.db.activity.count({ where: { workspaceId: w.id } }),
    });
  }
  if (options.json) {
    line(io.stdout, JSON.stringify(reports));
    return;
  }
  if (reports.length === 0) {
    line(io.stderr, 'No workspace in this database yet.');
    return;
  }
  line(
    io.stdout,
    table([
      ['WORKSPACE', 'NAME', 'INSTALLED THROUGH', 'STATE', 'ACTIVITIES'],
      ...reports.map((r) => [r.id, r.name ?? '-', r.installation, r.revoked_at ? `uninstalled ${r.revoked_at.slice(0, 10)}` : 'collecting', r.activities.toLocaleString('en-US')]),
    ]),
  );
}

/** What removing a workspace deletes, counted. */
async function countsFor(store: Store, id: string) {
  const db = store.db;
  const [activities, members, channels, apiKeys, idempotency, deadLetters, installation] = await Promise.all([
    db.activity.count({ where: { workspaceId: id } }),
    db.member.count({ where: { workspaceId: id } }),
    db.channel.count({ where: { workspaceId: id } }),
    db.apiKey.count({ where: { workspaceId: id } }),
    db.idempotencyRecord.count({ where: { workspaceId: id } }),
    db.deadLetter.count({ where: { workspaceId: id } }),
    store.installations.get(id),
  ]);
  return { activities, members, channels, apiKeys, idempotency, deadLetters, installation: installation ? 1 : 0 };
}

export async function removeWorkspace(io: CliIo, store: Store, options: { id: string | undefined; yes: boolean }): Promise<void> {
  const { id } = options;
  if (!id) throw usageError('workspaces remove <workspace id (T…)> [--yes]');
  // An organisation (E…) is not a workspace: its install goes with app_uninstalled, its workspaces one by one here.
  if (!/^T[A-Z0-9]+$/.test(id)) throw usageError(`${id} is not a workspace id (T…): workspaces list shows them`);
  const workspace = await store.workspaces.get(id);
  if (!workspace) {
    const known = (await store.workspaces.list()).map((w) => w.id);
    throw new CliError(`no workspace ${id} in this database${known.length ? ` (known: ${known.join(', ')})` : ''}`);
  }
  if (!workspace.revokedAt) {
    // A running app would go on collecting there, under a workspace it believes still exists.
    throw new CliError(`${id} is still installed: uninstall the app from the workspace first (its data is then kept until removed here).`);
  }
  const c = await countsFor(store, id);
  const what = [
    `${c.activities.toLocaleString('en-US')} activities`,
    `${c.members.toLocaleString('en-US')} members`,
    `${c.channels.toLocaleString('en-US')} channels`,
    `${c.apiKeys} API keys`,
    `${c.idempotency} remembered API answers`,
    `${c.deadLetters} dead letters`,
    ...(c.installation ? ['its installation (bot token)'] : []),
    'the workspace row',
  ].join(', ');
  const label = `${workspace.name ? `${workspace.name} ` : ''}(${id})`;
  if (!options.yes) {
    line(io.stderr, `Removing ${label} would delete: ${what}. Nothing else is touched. Run again with --yes to delete.`);
    return;
  }
  await store.db.$transaction([
    store.db.idempotencyRecord.deleteMany({ where: { workspaceId: id } }),
    store.db.deadLetter.deleteMany({ where: { workspaceId: id } }),
    store.db.installation.deleteMany({ where: { id } }),
    // Activities, members, channels and API keys go with the workspace row (ON DELETE CASCADE).
    store.db.activity.deleteMany({ where: { workspaceId: id } }),
    store.db.workspace.delete({ where: { id } }),
  ]);
  line(io.stderr, `Removed ${label}: deleted ${what}.`);
}
