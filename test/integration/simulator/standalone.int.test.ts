// `npm run simulator` end to end: the simulator as its own process, the real app started with
// the variables it prints (on SQLite), commands piped in, and the activities read back through
// the app's JSON API — real HTTP both ways. Socket Mode runs the same program in-process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { runSimulator } from '../../../src/simulator/cli/run';
import type { SlackSimulator } from '../../../src/simulator/web-api-server';
import { createTestDatabase, type TestDatabase } from '../../support/databases';

interface Child {
  process: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startSimulatorProcess(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/standalone.ts', ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The KEY=value block the simulator prints (the one-line command is not matched: it has spaces). */
function printedEnv(output: string): Record<string, string> | undefined {
  const vars = Object.fromEntries([...output.matchAll(/^([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
  return 'DATABASE_URL' in vars ? vars : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startAppWith(env: Record<string, string>, database: TestDatabase, port: number): Promise<RunningApp> {
  const config = loadConfig({ ...env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SQLITE_SYNCHRONOUS: 'NORMAL', SHUTDOWN_TIMEOUT_MS: '2000' });
  return createApp({ config, logger: createLogger(config.logLevel) });
}

async function activityTypes(app: RunningApp, apiToken: string): Promise<{ counts: Record<string, number>; raw: string }> {
  const response = await fetch(`${app.url}/api/v1/activities?limit=100`, { headers: { authorization: `Bearer ${apiToken}` } });
  expect(response.status).toBe(200);
  const raw = await response.text();
  const counts: Record<string, number> = {};
  for (const activity of (JSON.parse(raw) as { activities: Array<{ type: string }> }).activities) counts[activity.type] = (counts[activity.type] ?? 0) + 1;
  return { counts, raw };
}

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('npm run simulator (HTTP)', () => {
  it('prints the environment, and the app started with it records what the piped commands send', async () => {
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}/slack/events`;
    const sim = startSimulatorProcess(['--port', '0', '--app-url', appUrl]);
    cleanups.push(() => sim.process.kill());
    const env = await until(() => printedEnv(sim.stdout()), 'the printed environment');
    expect(env.SLACK_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(env.SLACK_BOT_TOKEN).toMatch(/^xoxb-fake_/);
    expect(sim.stdout()).toContain(`SLACK_API_URL=${env.SLACK_API_URL} SLACK_SIGNING_SECRET=${env.SLACK_SIGNING_SECRET} SLACK_BOT_TOKEN=${env.SLACK_BOT_TOKEN}`);
    expect(sim.stdout()).toContain(`Events go to ${appUrl}`);

    const database = await createTestDatabase('sqlite');
    cleanups.push(() => database.drop());
    const app = await startAppWith(env, database, appPort);
    cleanups.push(() => app.stop());

    const commands = [
      'wait 20',
      'message #general @ana Hello there',
      'reply 1 @bo Hi Ana!',
      'react 1 @bo :tada:',
      'react 1 @cy eyes',
      'unreact 1 @cy :eyes:',
      'edit 1 Hello there, everyone',
      'message #help @cy my password is hunter2',
      'delete 3',
      'join eve Eve Martin',
      '# the app ignores private channels nobody opted in',
      'message #moderators @ana mod stuff',
      'command @ana /activity type:reaction',
      'home @ana',
      'quit',
      'message #general @ana never sent: quit came first',
    ];
    sim.process.stdin.end(`${commands.join('\n')}\n`);
    expect(await sim.exited, sim.stdout() + sim.stderr()).toBe(0);
    const out = sim.stdout();

    expect(out).toContain(`✓ wait for the app  → the app answers at ${appUrl}`);
    expect(out).toContain('> message #general @ana Hello there\n✓ [1] #general @ana: Hello there  → HTTP 200');
    expect(out).toContain('✓ [2] #general (thread) @bo: Hi Ana! (reply to [1])  → HTTP 200');
    expect(out).toContain('✓ @bo reacts :tada: to [1]  → HTTP 200');
    expect(out).toContain('✓ @ana edits [1]: Hello there, everyone  → HTTP 200');
    expect(out).toContain('✓ @cy deletes [3]  → HTTP 200');
    expect(out).toContain('✓ @eve (Eve Martin, U0EVE) joins the workspace  → HTTP 200');
    expect(out).toMatch(/✓ @ana runs \/activity type:reaction in #general {2}→ HTTP 200\n {2}the app answered \(ephemeral: only they see it\):\n {4}\*Activity\*: reactions/);
    expect(out).toContain('*Bo* reacted :tada: to Ana\'s message in #general');
    expect(out).toMatch(/✓ @ana opens the app's Home tab {2}→ HTTP 200\n {2}the app published their Home tab \(\d+ blocks\):\n {4}Community activity/);
    expect(out).not.toContain('never sent');
    expect(out).not.toContain('✗');

    const { counts, raw } = await activityTypes(app, env.API_TOKEN!);
    expect(counts).toEqual({
      'slack_message.created': 2,
      'slack_message.threaded_reply.created': 1,
      'slack_reaction.added': 2,
      'slack_reaction.removed': 1,
      'slack_message.edited': 1,
      'slack_message.deleted': 1,
      'workspace.user_joined': 1,
    });
    expect(raw).toContain('"excerpt":"Hello there"');
    expect(raw).not.toContain('hunter2');
    expect(raw).not.toContain('mod stuff');
  }, 90_000);

  it('says in one line where the app is not reachable, and a script exits 1', async () => {
    const closedPort = await freePort();
    const sim = startSimulatorProcess(['--port', '0', '--app-url', `http://127.0.0.1:${closedPort}/slack/events`, '--run', 'message #general @ana hi', '--run', 'users']);
    cleanups.push(() => sim.process.kill());
    expect(await sim.exited).toBe(1);
    expect(sim.stdout()).toContain(
      `✗ [1] #general @ana: hi  → not delivered\n  the app is not reachable at http://127.0.0.1:${closedPort}/slack/events (connect ECONNREFUSED 127.0.0.1:${closedPort}): start it with the variables printed above`,
    );
    expect(sim.stdout()).toContain('> users\n  @activity');
    expect(sim.stdout()).toContain('1 command(s) failed');
  }, 30_000);

  it('when an app did start against it but events cannot reach it, points at --app-url', async () => {
    const closedPort = await freePort();
    const sim = startSimulatorProcess(['--port', '0', '--app-url', `http://127.0.0.1:${closedPort}/slack/events`]);
    cleanups.push(() => sim.process.kill());
    const env = await until(() => printedEnv(sim.stdout()), 'the printed environment');
    // What the app does first when it starts: auth.test with its bot token.
    const auth = await fetch(`${env.SLACK_API_URL}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${env.SLACK_BOT_TOKEN}` } });
    expect(await auth.json()).toMatchObject({ ok: true, team_id: 'T0DEMO' });
    sim.process.stdin.end('wait 1\n');
    expect(await sim.exited).toBe(1);
    expect(sim.stdout()).toContain(
      `✗ wait for the app  → gave up after 1 s\n  the app is not reachable at http://127.0.0.1:${closedPort}/slack/events (connect ECONNREFUSED 127.0.0.1:${closedPort}): an app did start against this simulator, so it listens elsewhere: restart the simulator with --app-url`,
    );
  }, 30_000);

  it('a port in use is one line naming it and how to pick another, not a stack', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const sim = startSimulatorProcess(['--port', String(port)]);
    cleanups.push(() => sim.process.kill());
    expect(await sim.exited).toBe(1);
    expect(sim.stderr()).toBe(`Port ${port} is already in use (another simulator?): pick another with  npm run simulator -- --port ${port + 1}\n`);
    expect(sim.stdout()).toBe('');
  }, 30_000);
});

describe('npm run simulator --oauth', () => {
  it('prints the OAuth variables; `install` installs the app through its own install page, then events are collected with the installation', async () => {
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}/slack/events`;
    const sim = startSimulatorProcess(['--port', '0', '--app-url', appUrl, '--oauth']);
    cleanups.push(() => sim.process.kill());
    const env = await until(() => printedEnv(sim.stdout()), 'the printed environment');
    expect(Object.keys(env).sort()).toEqual(['DATABASE_URL', 'SLACK_API_URL', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET', 'SLACK_STATE_SECRET']);
    expect(env.DATABASE_URL).toBe('file:./data/simulator-oauth.db');
    expect(sim.stdout()).toContain(`type install, or open http://127.0.0.1:${appPort}/slack/install in a browser`);

    const database = await createTestDatabase('sqlite');
    cleanups.push(() => database.drop());
    const app = await startAppWith(env, database, appPort);
    cleanups.push(() => app.stop());

    const commands = ['wait 20', 'message #general @ana before the install', 'install', 'message #general @ana Hello after the install', 'command @ana /activity', 'home @ana', 'quit'];
    sim.process.stdin.end(`${commands.join('\n')}\n`);
    expect(await sim.exited, sim.stdout() + sim.stderr()).toBe(0);
    const out = sim.stdout();
    expect(out).toContain(`✓ install through http://127.0.0.1:${appPort}/slack/install  → Installed in`);
    expect(out).toMatch(/✓ @ana runs \/activity in #general {2}→ HTTP 200\n {2}the app answered \(ephemeral: only they see it\):/);
    expect(out).toContain('Hello after the install');
    expect(out).toMatch(/✓ @ana opens the app's Home tab {2}→ HTTP 200\n {2}the app published their Home tab/);

    // Before the install the event was answered and kept as a dead letter; after it, collected with the installation's token.
    const installation = await app.store.installations.get('T0DEMO');
    expect(installation?.botToken).toMatch(/^xoxb-/);
    const stored = await app.store.db.activity.findMany({ where: { workspaceId: 'T0DEMO' } });
    expect(stored.map((a) => a.searchText)).toEqual([expect.stringContaining('hello after the install')]);
    expect(await app.store.db.deadLetter.count({ where: { reason: { contains: 'not installed' } } })).toBe(1);
  }, 90_000);

  it('refuses --oauth with --socket-mode in one line', async () => {
    const sim = startSimulatorProcess(['--port', '0', '--oauth', '--socket-mode']);
    cleanups.push(() => sim.process.kill());
    expect(await sim.exited).toBe(2);
    expect(sim.stderr()).toBe('--oauth installs over HTTP (the install page and its redirect): drop --socket-mode\n');
  }, 30_000);
});

describe('npm run simulator --socket-mode (in-process)', () => {
  it('the app connects with the printed SLACK_APP_TOKEN; play and /activity go over the socket', async () => {
    const stdin = new PassThrough();
    let out = '';
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString('utf8');
        done();
      },
    });
    let listening: SlackSimulator | undefined;
    const exitCode = runSimulator(['--port', '0', '--socket-mode'], { stdin, stdout, stderr: stdout, interactive: false, onListening: (sim) => (listening = sim) });
    const env = await until(() => printedEnv(out), 'the printed environment');
    expect(env.SLACK_APP_TOKEN).toMatch(/^xapp-fake_/);
    expect(env.SLACK_SIGNING_SECRET).toBeUndefined();
    expect(out).toContain('Events go over Socket Mode');

    const database = await createTestDatabase('sqlite');
    cleanups.push(() => database.drop());
    const app = await startAppWith(env, database, 0);
    cleanups.push(() => app.stop());

    stdin.end(['wait 20', 'play', 'command @ana /activity', 'react 1 @dee :wave:'].join('\n'));
    expect(await exitCode, out).toBe(0);
    expect(listening?.socket.connectionCount).toBe(0); // closed with the session
    expect(out).toContain('✓ wait for the app  → the app is connected over Socket Mode');
    expect(out).toContain('✓ [1] Ana posts a welcome in #general  → acked over Socket Mode');
    expect(out).toContain('played 15 events');
    expect(out).toContain('✓ @ana runs /activity in #general  → acked over Socket Mode\n  the app answered');
    expect(out).toContain('✓ @dee reacts :wave: to [1]  → acked over Socket Mode');

    const { counts } = await activityTypes(app, env.API_TOKEN!);
    // The demo's story (see test/integration/demo) plus Dee's reaction.
    expect(counts).toEqual({
      'slack_message.created': 4,
      'slack_message.deleted': 1,
      'slack_message.edited': 1,
      'slack_message.threaded_reply.created': 2,
      'slack_reaction.added': 3,
      'slack_reaction.removed': 1,
      'workspace.user_joined': 1,
    });
  }, 90_000);
});
