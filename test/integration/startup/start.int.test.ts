// `npm start` as a person setting the app up meets it: a real process (src/main.ts), its exit
// code and what it prints, against the Slack simulator. Each start-up mistake must end in one
// line that says what is wrong and what to do, never a hang or a stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { seedWorkspace, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../support/app-harness';

const MAIN = resolve('src/main.ts');
// Absolute, so the process can run in another working directory (to find its own .env there).
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/main.ts until it exits, or until `until` matches its output (then stops it with SIGTERM). */
function runMain(env: Record<string, string>, options: { cwd?: string; until?: RegExp; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|DATABASE_|API_TOKEN|PORT|HOST|LOG_LEVEL)/.test(k)));
    const child = spawn(process.execPath, ['--import', TSX, MAIN], { cwd: options.cwd ?? process.cwd(), env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within ${options.timeoutMs ?? 30_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      if (options.until && options.until.test(stdout + stderr)) child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('npm start, from the first try to a running app', () => {
  let sim: SlackSimulator;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    seedWorkspace(sim);
    dir = mkdtempSync(join(tmpdir(), 'start-'));
    env = {
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_API_URL: sim.apiUrl,
      DATABASE_URL: `file:${join(dir, 'activity.db')}`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
  });

  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts, and says where the store is, which workspace it connected to, and where it listens', async () => {
    const run = await runMain(env, { until: /activity collector listening/ });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`store ready: SQLite at ${join(dir, 'activity.db')}`);
    expect(run.stdout).toContain('connected to Slack: workspace Test Community (T0TESTTEAM)');
    expect(run.stdout).toMatch(/activity collector listening on port \d+/);
    expect(run.stdout).toContain('API_TOKEN is not set: /api/v1 accepts only API keys');
    expect(run.stderr).toBe('');
  });

  it('a wrong bot token: one line naming SLACK_BOT_TOKEN and where to find the right one, exit 1', async () => {
    const run = await runMain({ ...env, SLACK_BOT_TOKEN: 'xoxb-fake_not_a_known_token' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN was refused by Slack (invalid_auth');
    expect(run.stderr).toContain('OAuth & Permissions');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('Socket Mode with a wrong app token: one line naming SLACK_APP_TOKEN and where to make one, exit 1', async () => {
    const { SLACK_SIGNING_SECRET: _unused, ...socketEnv } = env;
    const run = await runMain({ ...socketEnv, SLACK_APP_TOKEN: 'xapp-1-fake_unknown_app_token' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('SLACK_APP_TOKEN was refused by Slack (invalid_auth');
    expect(run.stderr).toContain('App-Level Tokens');
  });

  it('Slack unreachable: names the address and the reason, retries a bounded number of times, exit 1', async () => {
    const port = await closedPort();
    const run = await runMain({ ...env, SLACK_API_URL: `http://127.0.0.1:${port}/api/` }, { timeoutMs: 40_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`attempt 1 of 4`);
    expect(run.stderr).toContain(`could not reach Slack's Web API at http://127.0.0.1:${port}/api/auth.test (connection refused`);
    expect(run.stderr).toContain('after 4 attempts');
    expect(run.stderr).toContain('check SLACK_API_URL');
    expect(run.stdout + run.stderr).not.toContain('fetch failed');
  }, 45_000);

  it('a port in use: one line naming the port and how to pick another, exit 1', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      const run = await runMain({ ...env, PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `could not start: port ${port} on 127.0.0.1 is already in use (another copy of the app, the demo, or another program): stop it, or pick another port with PORT, e.g. PORT=${port + 1}`,
      );
      expect(run.stdout).not.toContain('EADDRINUSE');
    } finally {
      await new Promise<void>((r) => busy.close(() => r()));
    }
  });

  it('reads .env from the working directory, and the environment wins over it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dotenv-'));
    try {
      const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, DATABASE_URL } = env;
      writeFileSync(
        join(cwd, '.env'),
        [
          '# as .env.example, with inline comments',
          `SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET}          # Basic Information → Signing Secret`,
          `SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}`,
          `SLACK_API_URL=${SLACK_API_URL}`,
          `DATABASE_URL=${DATABASE_URL}`,
          'PORT=1',
          'LOG_LEVEL=info',
        ].join('\n'),
      );
      // PORT=1 in the file would fail (a privileged port); the environment's PORT=0 must win.
      const run = await runMain({ PORT: '0', HOST: '127.0.0.1' }, { cwd, until: /activity collector listening/ });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`read 5 settings from ${join(cwd, '.env')}`);
      expect(run.stdout).toContain('connected to Slack');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('a malformed variable in .env: the configuration error says the file was read too', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dotenv-'));
    try {
      writeFileSync(join(cwd, '.env'), 'SLACK_BOT_TOKEN=not-a-token\n');
      const run = await runMain({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET }, { cwd });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
      expect(run.stderr).toContain(`(read from the environment and ${join(cwd, '.env')})`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
