// The WebClient that gated calls go through: the workspace's token and API URL, but with
// WebClient's own waiting turned off, so that SlackCallGate decides when Slack is asked again:
// - rate limits are handed back (rejectRateLimitedCalls) instead of pausing the client's whole
//   queue, every method included, and retrying for about 30 minutes;
// - no retries of its own on network errors (the gate backs off);
// - a timeout, so a Slack that accepts connections and never answers cannot hold a lookup (and
//   the label filler, and shutdown) forever. Slack answers in well under a second when healthy;
//   a slow Slack's answers are still taken up to this long, for the labels filled later.
import { WebClient } from '@slack/web-api';
import { boltLogger, type Logger } from '../../../logger';

export const LOOKUP_TIMEOUT_MS = 10_000;

const derived = new WeakMap<WebClient, WebClient>();

/** `client` when it is a WebClient (by shape: Bolt may bring its own copy of the class), else undefined. */
export function asWebClient(client: unknown): WebClient | undefined {
  if (client instanceof WebClient) return client;
  const c = client as { apiCall?: unknown; slackApiUrl?: unknown } | null;
  return c && typeof c.apiCall === 'function' && typeof c.slackApiUrl === 'string' ? (client as WebClient) : undefined;
}

/** The gated twin of `client` (made once per client). */
export function lookupClientFor(client: WebClient, logger: Logger): WebClient {
  let lookup = derived.get(client);
  if (!lookup) {
    lookup = new WebClient(client.token, {
      slackApiUrl: client.slackApiUrl,
      logger: boltLogger(logger),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: LOOKUP_TIMEOUT_MS,
    });
    derived.set(client, lookup);
  }
  return lookup;
}
