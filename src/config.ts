// The environment, parsed once at start into a typed object. Empty strings count as unset
// (as in create-t3-app), and every problem is reported at once, one line per variable.
import { z } from 'zod';
import { plainWords } from './activities/issues';
import { AppError, ErrorCode, type Issue } from './errors';
import { storeKindOf } from './store/database-url';

/** Where the app serves the install page and answers Slack's OAuth redirect. */
export const INSTALL_PATH = '/slack/install';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const envSchema = z
  .object({
    SLACK_SIGNING_SECRET: optional(z.string().min(16, 'expected the signing secret from Basic Information (32 hex characters)')),
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'expected a bot token starting with xoxb-')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'expected an app-level token starting with xapp- (Socket Mode)')),
    SLACK_API_URL: optional(z.url('expected an http(s) URL such as http://127.0.0.1:4000/api/')),
    SLACK_CLIENT_ID: optional(z.string().regex(/^\d+\.\d+$/, 'expected the Client ID from Basic Information → App Credentials, like 1234567890.1234567890')),
    SLACK_CLIENT_SECRET: optional(z.string().min(16, 'expected the Client Secret from Basic Information → App Credentials')),
    SLACK_STATE_SECRET: optional(z.string().min(16, 'expected at least 16 characters (a long random string: it signs the install flow’s state)')),
    SLACK_REDIRECT_URI: optional(
      z.url('expected the public URL of /slack/oauth_redirect, e.g. https://activity.example.com/slack/oauth_redirect').refine((v) => new URL(v).pathname === OAUTH_REDIRECT_PATH, {
        message: `expected a URL whose path is ${OAUTH_REDIRECT_PATH} (where the app answers Slack's redirect)`,
      }),
    ),
    DATABASE_URL: optional(
      z.string().refine((v) => !(storeKindOf(v) instanceof Error), {
        message: 'expected file:<path> (SQLite) or postgres://… / postgresql://… (PostgreSQL); unset means SQLite at ./data/activity.db',
      }),
    ),
    PORT: optional(z.coerce.number({ error: 'expected a port number' }).int('expected a whole number').min(0).max(65535)).transform(
      (v) => v ?? 3000,
    ),
    HOST: optional(z.string()).transform((v) => v ?? '0.0.0.0'),
    API_TOKEN: optional(z.string().min(16, 'expected at least 16 characters (use a long random string)')),
    LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform((v) => v ?? 'info'),
    SQLITE_SYNCHRONOUS: optional(z.enum(['FULL', 'NORMAL'])).transform((v) => v ?? 'FULL'),
    DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(1).max(200)).transform((v) => v ?? 10),
    SHUTDOWN_TIMEOUT_MS: optional(z.coerce.number().int().min(0)).transform((v) => v ?? 10_000),
    /**
     * The most an event waits on Slack's Web API for labels, all its lookups together, counted
     * from when its handling starts (README, Configuration). Less while Slack is slow (a call
     * unanswered after 1 s), rate-limited or unreachable: then not at all. At most 2500, so the
     * ack stays inside Slack's 3 seconds.
     */
    SLACK_LOOKUP_BUDGET_MS: optional(z.coerce.number().int().min(0).max(2500)).transform((v) => v ?? 800),
  });

/** Slack's OAuth install: set when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The public redirect URL registered with Slack; unset: Slack uses the one registered. */
  redirectUri: string | undefined;
}

export interface Config {
  slack: {
    signingSecret: string | undefined;
    /** Single-workspace mode; undefined with the OAuth install. */
    botToken: string | undefined;
    oauth: OAuthConfig | undefined;
    appToken: string | undefined;
    /** Base URL of Slack's Web API; ends with "/". */
    apiUrl: string | undefined;
    lookupBudgetMs: number;
  };
  databaseUrl: string | undefined;
  http: { port: number; host: string };
  apiToken: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sqliteSynchronous: 'FULL' | 'NORMAL';
  databasePoolSize: number;
  shutdownTimeoutMs: number;
  socketMode: boolean;
}

const unset = (value: string | undefined) => value === undefined || value.trim() === '';

/** Set together, they switch the app from one workspace (SLACK_BOT_TOKEN) to Slack's OAuth install. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const OAUTH_HINTS: Record<(typeof OAUTH_VARIABLES)[number], string> = {
  SLACK_CLIENT_ID: 'the Client ID from Basic Information → App Credentials',
  SLACK_CLIENT_SECRET: 'the Client Secret from Basic Information → App Credentials',
  SLACK_STATE_SECRET: 'a long random string of your own (it signs the install flow’s state)',
};

/**
 * Variables required together: checked apart from the schema, so they are reported even when
 * another variable is malformed (a zod refinement of the whole object runs only when every
 * field parsed).
 */
function missingVariables(env: NodeJS.ProcessEnv): Issue[] {
  const issues: Issue[] = [];
  const oauthVariables = OAUTH_VARIABLES.filter((name) => !unset(env[name]));
  if (oauthVariables.length > 0 && oauthVariables.length < OAUTH_VARIABLES.length) {
    for (const name of OAUTH_VARIABLES.filter((n) => unset(env[n]))) {
      issues.push({ path: name, message: `required for the OAuth install (${oauthVariables.join(' and ')} ${oauthVariables.length === 1 ? 'is' : 'are'} set): ${OAUTH_HINTS[name]}` });
    }
  }
  const oauth = oauthVariables.length === OAUTH_VARIABLES.length;
  if (oauth && !unset(env.API_TOKEN)) {
    issues.push({ path: 'API_TOKEN', message: 'names no workspace with the OAuth install: remove it, and make an API key per workspace (npm run cli -- keys create --workspace T… …)' });
  }
  if (oauth && !unset(env.SLACK_BOT_TOKEN)) {
    issues.push({ path: 'SLACK_BOT_TOKEN', message: 'not used with the OAuth install (SLACK_CLIENT_ID …): remove it, and install the app into each workspace through /slack/install' });
  }
  if (!oauth && oauthVariables.length === 0 && unset(env.SLACK_BOT_TOKEN)) {
    issues.push({
      path: 'SLACK_BOT_TOKEN',
      message: 'required: the Bot User OAuth Token (xoxb-…) from OAuth & Permissions (or, to install into several workspaces, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead)',
    });
  }
  if (unset(env.SLACK_APP_TOKEN) && unset(env.SLACK_SIGNING_SECRET)) {
    issues.push({
      path: 'SLACK_SIGNING_SECRET',
      message: 'required in HTTP mode (set SLACK_APP_TOKEN for Socket Mode instead): the Signing Secret from Basic Information',
    });
  }
  return issues;
}

/** Parses the environment; throws a ConfigInvalid AppError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env, { error: plainWords });
  const missing = missingVariables(env);
  if (!parsed.success || missing.length > 0) {
    const issues = [...missing, ...(parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))];
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `invalid configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      { issues },
    );
  }
  const e = parsed.data;
  return {
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      oauth:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
          ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET, redirectUri: e.SLACK_REDIRECT_URI }
          : undefined,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL ? (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`) : undefined,
      lookupBudgetMs: e.SLACK_LOOKUP_BUDGET_MS,
    },
    databaseUrl: e.DATABASE_URL,
    http: { port: e.PORT, host: e.HOST },
    apiToken: e.API_TOKEN,
    logLevel: e.LOG_LEVEL,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    socketMode: Boolean(e.SLACK_APP_TOKEN),
  };
}
