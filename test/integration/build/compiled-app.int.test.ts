// `npm start` runs the compiled app (scripts/build.ts → dist/app/main.mjs), not src/ through a
// TypeScript loader. The bundle must still find what the source finds beside itself: the
// migrations (src/store/migrate.ts) and the SQLite writer thread's script
// (src/store/sqlite-writer.ts). Built into a folder of its own under dist/ (so a running
// `npm start` is not disturbed), started as a real process against the Slack simulator on each
// database, sent a signed event, which must be stored; then the compiled demo plays its story.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { eventCallback, messageEvent } from '../../../src/simulator/factories';
import { sendEvent } from '../../../src/simulator/sender';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { openStore } from '../../../src/store/store';
import { build, checkBuild } from '../../../scripts/build';
import { seedWorkspace, TEAM_ID, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../support/app-harness';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../support/databases';

const OUT_DIR = resolve('dist', `test-build-${randomBytes(4).toString('hex')}`);

/** Starts a compiled entry point; resolves once `ready` matches its output. */
function start(script: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DATABASE_|API_TOKEN|PORT|HOST|LOG_LEVEL|NODE_OPTIONS)/.test(k)));
  const child = spawn(process.execPath, [join(OUT_DIR, script), ...args], { env: { ...base, ...env } });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolveStart({ child, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', r));
}

beforeAll(async () => {
  await build(OUT_DIR);
}, 60_000);

afterAll(() => {
  rmSync(OUT_DIR, { recursive: true, force: true });
});

describe('the build', () => {
  it('puts beside the bundle what it reads at run time', () => {
    expect(checkBuild(OUT_DIR)).toEqual([]);
  });
});

describe.each(DATABASE_KINDS)('the compiled app (%s)', (kind) => {
  let sim: SlackSimulator;
  let database: TestDatabase;
  beforeAll(async () => {
    sim = await startSlackSimulator();
    seedWorkspace(sim);
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await sim.close();
    await database.drop();
  });

  it('migrates the database, stores an event Slack sends, and stops cleanly on SIGTERM', async () => {
    const { child, output } = await start(
      'main.mjs',
      [],
      { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: sim.apiUrl, DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      /listening on port (\d+)/,
    );
    try {
      expect(output()).toMatch(/store ready: .*migrations applied now/);
      const port = Number(/listening on port (\d+)/.exec(output())![1]);
      const message = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team: TEAM_ID, text: 'compiled and shipped' });
      const res = await sendEvent(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET, eventCallback(message, { team_id: TEAM_ID }));
      expect(res.status, res.text).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toBe(0);
    const store = await openStore({ databaseUrl: database.url, registry: activityRegistry, migrate: false });
    try {
      const rows = await store.db.activity.findMany({ where: { workspaceId: TEAM_ID } });
      expect(rows.map((r) => r.type)).toEqual(['slack_message.created']);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('the compiled demo', () => {
  it('plays its story and prints what was recorded', async () => {
    const dir = resolve('dist', `${OUT_DIR.split('/').pop()}-demo-data`);
    try {
      const { child, output } = await start('demo.mjs', ['--exit'], { PORT: '0', DEMO_DATA_DIR: dir, LOG_LEVEL: 'error' }, /\/api\/v1\/activities/);
      expect(await exitOf(child)).toBe(0);
      expect(output()).toContain('reacted :tada:');
      expect(output()).not.toContain('✗');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
