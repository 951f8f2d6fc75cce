// Who our bot is (auth.test), asked once at start. This is the first call the app makes to
// Slack, so it is where a person setting the app up learns what is wrong: an unreachable
// SLACK_API_URL, a firewall, a wrong token. Each failure becomes one sentence that names the
// address tried, the variable to fix and where to find the right value; an unreachable Slack
// is retried a bounded number of times, then the start fails (instead of WebClient's default
// of ten retries over half an hour with "fetch failed" lines that name no address).
import { WebClient, type WebAPICallResult } from '@slack/web-api';
import { quietSlackLogger } from './quiet-logger';
import { AppError, ErrorCode } from '../errors';
import type { Logger } from '../logger';

export const SLACK_DEFAULT_API_URL = 'https://slack.com/api/';

export interface BotIdentity {
  teamId: string;
  botUserId: string;
  botId: string | undefined;
  teamName: string | undefined;
  url: string | undefined;
  enterpriseId: string | undefined;
}

export interface IdentifyBotOptions {
  token: string;
  /** SLACK_API_URL, when set (ends with "/"). */
  apiUrl?: string | undefined;
  logger: Logger;
  /** Attempts before giving up on an unreachable Slack (default 4). */
  attempts?: number;
  /** Longest one attempt may wait for an answer (default 10 s). */
  attemptTimeoutMs?: number;
  /** Wait before attempt n+1 (default 1 s, 2 s, 4 s …, at most 8 s). */
  backoffMs?: (attempt: number) => number;
}

/** Token errors auth.test answers with, and what each means for the person fixing it. */
const TOKEN_ERRORS: Record<string, string> = {
  invalid_auth: 'Slack does not know this token',
  not_authed: 'no token was sent',
  account_inactive: 'the token belongs to a deleted user or a workspace that no longer exists',
  token_revoked: 'the token was revoked (the app was uninstalled or the token regenerated)',
  token_expired: 'the token expired (token rotation is on: turn it off, or use the OAuth install)',
  not_allowed_token_type: 'this kind of token cannot be used here',
};

/**
 * The AppError for a token Slack refused (invalid_auth and friends), naming the variable and
 * where its right value is; `undefined` when the error is not a token refusal.
 */
export function tokenRefusal(error: unknown, variable: string, where: string): AppError | undefined {
  if ((error as { code?: string }).code !== 'slack_webapi_platform_error') return undefined;
  const slackError = String((error as { data?: { error?: string } }).data?.error ?? '');
  const meaning = TOKEN_ERRORS[slackError];
  if (!meaning) return undefined;
  return new AppError(ErrorCode.SlackAuthFailed, `${variable} was refused by Slack (${slackError}: ${meaning}): ${where}`, { cause: error });
}

const WHERE_BOT_TOKEN =
  "copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page at https://api.slack.com/apps (it appears after you install the app to your workspace)";

/** The network-level reason a request failed, in words, e.g. "connection refused (ECONNREFUSED 127.0.0.1:4000)". */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  let cause: unknown = (error as { original?: unknown }).original ?? error;
  // undici wraps the socket error: TypeError("fetch failed") { cause: Error { code } }.
  for (let depth = 0; depth < 4 && cause instanceof Error && cause.cause instanceof Error; depth++) cause = cause.cause;
  const e = cause as { name?: string; code?: string; message?: string; address?: string; port?: number; hostname?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const where = e.address ? ` ${e.address}${e.port ? `:${e.port}` : ''}` : e.hostname ? ` ${e.hostname}` : '';
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused (ECONNREFUSED${where})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host name not found (${e.code}${where})`;
    case 'ECONNRESET':
      return `connection reset (ECONNRESET${where})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connection timed out (${e.code}${where})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `network unreachable (${e.code}${where})`;
    default:
      if (e.code) return `${e.message ?? 'request failed'} (${e.code})`;
      return e.message ?? String(cause);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks Slack who the bot is. Resolves with the identity, or rejects with an AppError whose
 * message is one sentence a person can act on: slack_auth_failed (the token) or
 * slack_unreachable (the address, after the bounded retries).
 */
export async function identifyBot(options: IdentifyBotOptions): Promise<BotIdentity> {
  const apiUrl = options.apiUrl ?? SLACK_DEFAULT_API_URL;
  const endpoint = `${apiUrl}auth.test`;
  const attempts = Math.max(1, options.attempts ?? 4);
  const timeoutMs = options.attemptTimeoutMs ?? 10_000;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(8_000, 1_000 * 2 ** (n - 1)));
  const urlHint = options.apiUrl
    ? `check SLACK_API_URL (now ${options.apiUrl}; unset it to use Slack itself)`
    : 'check the network, DNS and any firewall or proxy between this server and slack.com';
  // One attempt per call: the retries are ours, so each can be reported as it happens.
  const client = new WebClient(options.token, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, timeout: timeoutMs, logger: quietSlackLogger });
  const started = Date.now();
  let lastReason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let result: WebAPICallResult & { team_id?: string; user_id?: string; bot_id?: string; team?: string; url?: string; enterprise_id?: string };
    try {
      result = await client.auth.test();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'slack_webapi_platform_error') {
        const refusal = tokenRefusal(error, 'SLACK_BOT_TOKEN', WHERE_BOT_TOKEN);
        if (refusal) throw refusal;
        const slackError = String((error as { data?: { error?: string } }).data?.error ?? 'unknown_error');
        throw new AppError(ErrorCode.SlackAuthFailed, `Slack answered auth.test with "${slackError}" at ${endpoint}: check SLACK_BOT_TOKEN (${WHERE_BOT_TOKEN})`, {
          cause: error,
        });
      }
      if (code === 'slack_webapi_http_error') {
        const status = (error as { statusCode?: number }).statusCode ?? 0;
        lastReason = `HTTP ${status} ${(error as { statusMessage?: string }).statusMessage ?? ''}`.trim();
        // A 4xx from what should be Slack's API means the address is wrong: retrying will not help.
        if (status < 500 && status !== 429) {
          throw new AppError(ErrorCode.SlackUnreachable, `${endpoint} answered ${lastReason}, which is not Slack's Web API: ${urlHint}`, { cause: error });
        }
      } else if (code === 'slack_webapi_request_error') {
        lastReason = describeNetworkError(error, timeoutMs);
      } else {
        lastReason = (error as Error).message ?? String(error);
      }
      if (attempt < attempts) {
        const wait = backoff(attempt);
        options.logger.warn(
          { url: endpoint, attempt, attempts, retryInMs: wait, reason: lastReason },
          `Slack's Web API not reachable at ${endpoint}: ${lastReason}; attempt ${attempt} of ${attempts}, retrying in ${Math.round(wait / 100) / 10} s`,
        );
        await sleep(wait);
        continue;
      }
      const seconds = Math.round((Date.now() - started) / 1000);
      throw new AppError(
        ErrorCode.SlackUnreachable,
        `could not reach Slack's Web API at ${endpoint} (${lastReason}) after ${attempts} attempts over ${seconds} s: ${urlHint}`,
        { cause: error },
      );
    }
    if (!result.team_id || !result.user_id) {
      throw new AppError(ErrorCode.SlackAuthFailed, `auth.test at ${endpoint} did not name a team and a bot user: is SLACK_BOT_TOKEN a bot token (xoxb-…)? ${WHERE_BOT_TOKEN}`);
    }
    return {
      teamId: result.team_id,
      botUserId: result.user_id,
      botId: result.bot_id,
      teamName: result.team,
      url: result.url,
      enterpriseId: result.enterprise_id,
    };
  }
  /* c8 ignore next */
  throw new AppError(ErrorCode.SlackUnreachable, `could not reach Slack's Web API at ${endpoint}`);
}
