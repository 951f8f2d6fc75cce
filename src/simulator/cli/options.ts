// `npm run simulator -- [options]`: the command line, parsed without side effects.

export const DEFAULT_PORT = 4000;
export const DEFAULT_APP_URL = 'http://127.0.0.1:3000/slack/events';

export interface SimulatorOptions {
  port: number;
  host: string;
  /** Where HTTP-mode events go (the app's Request URL). */
  appUrl: string;
  socketMode: boolean;
  /** The app installs through Slack's OAuth flow (SLACK_CLIENT_ID …) rather than with a bot token. */
  oauth: boolean;
  /** Commands to run instead of the prompt, in order. */
  run: string[];
  help: boolean;
}

export type OptionsResult = { ok: true; options: SimulatorOptions } | { ok: false; error: string };

export const USAGE = `Usage: npm run simulator -- [options]

A local Slack for the app: the Web API (with a seeded community) on --port, and a prompt
that sends the app events, signed as Slack signs them. It prints the variables to start the
app with.

Options:
  --port <n>        Web API port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --app-url <url>   the app's events URL (default ${DEFAULT_APP_URL})
  --socket-mode     deliver over Socket Mode instead (prints SLACK_APP_TOKEN)
  --oauth           the app installs through Slack's OAuth flow (prints SLACK_CLIENT_ID …);
                    type install, or open the app's /slack/install, to install it
  --run <command>   run a command instead of prompting; repeat for several, e.g.
                    --run wait --run "message #general @ana hi" --run play
  -h, --help        this text

Commands can also be piped on stdin, one per line. Type help at the prompt for the list.`;

/** Parses argv (without node and the script); `--opt value` and `--opt=value` both work. */
export function parseOptions(argv: readonly string[]): OptionsResult {
  const options: SimulatorOptions = { port: DEFAULT_PORT, host: '127.0.0.1', appUrl: DEFAULT_APP_URL, socketMode: false, oauth: false, run: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--socket-mode':
        options.socketMode = true;
        break;
      case '--oauth':
        options.oauth = true;
        break;
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (raw === undefined || !/^\d+$/.test(raw) || port > 65535) return { ok: false, error: `--port expects a port number (0-65535), got ${raw === undefined ? 'nothing' : `"${raw}"`}` };
        options.port = port;
        break;
      }
      case '--host': {
        const raw = value();
        if (!raw) return { ok: false, error: '--host expects an address such as 127.0.0.1' };
        options.host = raw;
        break;
      }
      case '--app-url': {
        const raw = value();
        if (!raw || !/^https?:\/\/[^/\s]+/.test(raw) || !URL.canParse(raw)) return { ok: false, error: `--app-url expects the app's events URL, e.g. ${DEFAULT_APP_URL}` };
        options.appUrl = raw;
        break;
      }
      case '--run': {
        const raw = value();
        if (raw === undefined) return { ok: false, error: '--run expects a command, e.g. --run "message #general @ana hi"' };
        options.run.push(raw);
        break;
      }
      default:
        return { ok: false, error: `unknown option "${arg}" (npm run simulator -- --help lists them)` };
    }
  }
  if (options.oauth && options.socketMode) return { ok: false, error: '--oauth installs over HTTP (the install page and its redirect): drop --socket-mode' };
  return { ok: true, options };
}
