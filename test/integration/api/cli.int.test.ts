// The admin CLI against the running app's database, on SQLite and PostgreSQL: keys created
// by the CLI work over HTTP until revoked, the CLI export equals the API export, and channel
// opt-ins land in the store.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { startHarness, TEAM_ID, TEST_BOT_TOKEN, type Harness } from '../../support/app-harness';
import { cli as runInProcess } from '../../support/cli-runner';
import { createTestDatabase, DATABASE_KINDS } from '../../support/databases';
import { get, post, validItem } from './support';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

/** Runs the CLI in-process against `databaseUrl` (test/support/cli-runner.ts). */
const cli = (databaseUrl: string, args: string[], env: Record<string, string> = {}) => runInProcess(args, { DATABASE_URL: databaseUrl, ...env });

/** Runs `npm run cli -- ...` as a person would (a child process), without npm's banner. */
async function spawnCli(databaseUrl: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.each(DATABASE_KINDS)('CLI (%s)', (kind) => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness({ kind });
    dir = mkdtempSync(join(tmpdir(), 'cli-export-'));
    const activities = Array.from({ length: 1200 }, (_, i) =>
      validItem(i % 2 ? 'post.created' : 'comment.created', { external_id: `cli-${i}`, occurred_at: new Date(Date.UTC(2024, 1, 1) + i * 60_000).toISOString(), initiator: { external_id: `m-${i % 5}`, name: `Name, "${i % 5}"\n🎉` } }),
    );
    for (let start = 0; start < activities.length; start += 1000) {
      expect((await post(h, '/activities/batch', { activities: activities.slice(start, start + 1000) })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a key that works over HTTP with exactly its scopes, lists it, and revokes it', async () => {
    const created = await spawnCli(h.database.url, ['keys', 'create', '--name', 'community site', '--scopes', 'activities:read,export']);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('shown only this once');

    expect((await get(h, '/activities?limit=1', { token: secret })).status).toBe(200);
    const refused = await post(h, '/activities', validItem('post.created'), { token: secret });
    expect(refused.status).toBe(403);

    const listed = await cli(h.database.url, ['keys', 'list', '--json']);
    const keys = JSON.parse(listed.stdout) as { id: string; name: string; prefix: string; scopes: string[]; revoked_at: string | null; workspace_id: string }[];
    const mine = keys.find((k) => k.name === 'community site')!;
    expect(mine).toMatchObject({ workspace_id: TEAM_ID, scopes: ['activities:read', 'export'], revoked_at: null });
    expect(secret.startsWith(mine.prefix)).toBe(true);
    // The secret itself is nowhere in the database, only its hash.
    expect(JSON.stringify(await h.app.store.apiKeys.list(TEAM_ID))).not.toContain(secret);
    const table = await cli(h.database.url, ['keys', 'list']);
    expect(table.stdout).toMatch(/ID\s+NAME\s+PREFIX/);
    expect(table.stdout).toContain('community site');

    const revoked = await cli(h.database.url, ['keys', 'revoke', mine.prefix]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await get(h, '/activities?limit=1', { token: secret })).status).toBe(401);
    const again = await cli(h.database.url, ['keys', 'revoke', mine.id]);
    expect(again.stderr).toContain('already revoked');
    const unknown = await cli(h.database.url, ['keys', 'revoke', 'ak_nothing']);
    expect(unknown.code).toBe(1);
  });

  it('refuses unknown scopes and a missing name (exit 2)', async () => {
    const scopes = await cli(h.database.url, ['keys', 'create', '--name', 'x', '--scopes', 'admin']);
    expect(scopes.code).toBe(2);
    expect(scopes.stderr).toContain('unknown scope "admin"');
    const name = await cli(h.database.url, ['keys', 'create', '--scopes', 'all']);
    expect(name.code).toBe(2);
    expect(name.stdout).toBe('');
  });

  it('binds a key to the workspace given, which must exist', async () => {
    await h.app.store.workspaces.ensure('T0SECOND');
    const ambiguous = await cli(h.database.url, ['keys', 'list']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('pass --workspace');
    const created = await cli(h.database.url, ['keys', 'create', '--workspace', 'T0SECOND', '--name', 'second', '--scopes', 'all']);
    expect(created.code, created.stderr).toBe(0);
    const seen = await get(h, '/activities', { token: created.stdout.trim() });
    expect(seen.body.activities).toEqual([]);
    const missing = await cli(h.database.url, ['keys', 'list', '--workspace', 'T0NOPE']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no workspace T0NOPE');
  });

  it('exports exactly what the API exports, to stdout or a file', async () => {
    for (const format of ['ndjson', 'csv']) {
      const api = await (await h.api(`/api/v1/export?format=${format}&type=post.created`)).text();
      const stdout = await spawnCli(h.database.url, ['export', '--workspace', TEAM_ID, '--format', format, '--type', 'post.created']);
      expect(stdout.code, stdout.stderr).toBe(0);
      expect(stdout.stdout).toBe(api);
      const file = join(dir, `out.${format}`);
      const toFile = await cli(h.database.url, ['export', '--workspace', TEAM_ID, '--format', format, '--type', 'post.created', '--output', file]);
      expect(toFile.code, toFile.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(api);
      expect(toFile.stderr).toContain('Exported 600 activities');
    }
    const bad = await cli(h.database.url, ['export', '--workspace', TEAM_ID, '--type', 'nope.nope']);
    expect(bad.code).toBe(2);
  });

  it('draws a progress bar on a terminal', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = 0;
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.length));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await runCli(['export', '--workspace', TEAM_ID], { stdout, stderr, env: { DATABASE_URL: h.database.url }, stderrIsTty: true, columns: 100 });
    expect(code).toBe(0);
    expect(out).toBeGreaterThan(0);
    expect(err).toMatch(/\r\[#{10,}\] 100% 1,2\d\d\/1,2\d\d rows/);
    expect(err).toContain('Exported 1,2');
  });

  it('opts a private channel in, out and back to the default', async () => {
    // The app has not seen G0OPTEDIN yet: the CLI asks Slack (the simulator) about it first.
    const slack = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: h.sim.apiUrl };
    const on = await cli(h.database.url, ['channels', 'collect', 'G0OPTEDIN', 'on', '--workspace', TEAM_ID], slack);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stderr).toContain('#core-team (G0OPTEDIN, private): collected (opted in).');
    expect(await h.app.store.channels.get(TEAM_ID, 'G0OPTEDIN')).toMatchObject({ collectOverride: true, isCollected: true });
    await cli(h.database.url, ['channels', 'collect', 'G0OPTEDIN', 'off', '--workspace', TEAM_ID]);
    expect(await h.app.store.channels.get(TEAM_ID, 'G0OPTEDIN')).toMatchObject({ collectOverride: false, isCollected: false });
    await cli(h.database.url, ['channels', 'collect', 'G0OPTEDIN', 'default', '--workspace', TEAM_ID]);
    expect(await h.app.store.channels.get(TEAM_ID, 'G0OPTEDIN')).toMatchObject({ collectOverride: null, isCollected: false });
    const list = await cli(h.database.url, ['channels', 'list', '--workspace', TEAM_ID, '--json']);
    expect(JSON.parse(list.stdout)).toContainEqual(expect.objectContaining({ id: 'G0OPTEDIN', is_collected: false }));
    const bad = await cli(h.database.url, ['channels', 'collect', 'G0OPTEDIN', 'maybe', '--workspace', TEAM_ID]);
    expect(bad.code).toBe(2);
  });
});

describe.each(DATABASE_KINDS)('CLI on an empty database (%s)', (kind) => {
  it('says to start the app first, and creates nothing', async () => {
    const database = await createTestDatabase(kind);
    try {
      const result = await cli(database.url, ['keys', 'list']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(kind === 'sqlite' ? /no database at .* yet: the app creates it on its first start/ : /has no tables yet: start the app once/);
      // Nothing was created just to say so.
      if (kind === 'sqlite') expect(existsSync(database.url.slice('file:'.length))).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
