// The app as production runs it: `node --import tsx src/main.ts`, its own process, configured
// by environment variables, against the Slack simulator and a test database. For the tests
// that need a real process: kill -9, SIGTERM, a restart on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { TEST_API_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../app-harness';

const ROOT = resolve(import.meta.dirname, '../../..');
/** `--import tsx` by path: the app runs in an empty directory, where `tsx` would not resolve. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface AppProcessOptions {
  /** The simulator's Web API base URL (SLACK_API_URL). */
  slackApiUrl: string;
  databaseUrl: string;
  /** More environment (SHUTDOWN_TIMEOUT_MS, SQLITE_SYNCHRONOUS …); '' unsets a variable. */
  env?: Record<string, string>;
  /** Lines of the app's output kept for error messages (default 200). */
  keepLines?: number;
}

export interface AppProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly eventsUrl: string;
  /** Resolves when the process has exited: its code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The app's last output lines (JSON log lines and anything else), oldest first. */
  readonly lines: string[];
  /** Log lines (parsed) whose `msg` matches. */
  logged(msg: RegExp): Record<string, unknown>[];
  /** Sends a signal (SIGKILL: kill -9; SIGTERM: a graceful stop). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the app and resolves once it listens (its "listening on port" log line). */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  // An empty working directory: no .env of the developer's is read (main.ts reads ./.env).
  const cwd = mkdtempSync(join(tmpdir(), 'activity-app-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: options.slackApiUrl,
    DATABASE_URL: options.databaseUrl,
    API_TOKEN: TEST_API_TOKEN,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
  delete env.SLACK_APP_TOKEN;
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/main.ts')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = options.keepLines ?? 200;
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => {
      rmSync(cwd, { recursive: true, force: true });
      resolveExit({ code, signal });
    }),
  );
  let onLine: ((parsed: Record<string, unknown> | undefined) => void) | undefined;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > keep) lines.shift();
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        // not a log line: kept as text
      }
      onLine?.(parsed);
    });
  }
  const port = await new Promise<number>((resolvePort, reject) => {
    onLine = (parsed) => {
      if (typeof parsed?.port === 'number' && /listening/.test(String(parsed.msg))) resolvePort(parsed.port);
    };
    void exited.then(({ code, signal }) => reject(new Error(`the app exited (${code ?? signal}) before it listened:\n${lines.slice(-20).join('\n')}`)));
  });
  onLine = undefined;
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    pid: child.pid!,
    port,
    url,
    eventsUrl: `${url}/slack/events`,
    exited,
    lines,
    logged(msg) {
      return lines.flatMap((line) => {
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          return msg.test(String(parsed.msg)) ? [parsed] : [];
        } catch {
          return [];
        }
      });
    },
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
