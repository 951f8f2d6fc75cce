// Delivers requests to an app the way Slack's servers do: Events API JSON, slash-command and
// interactivity form posts, each signed with the app's signing secret, with Slack's headers
// (including X-Slack-Retry-Num / X-Slack-Retry-Reason on redeliveries).
import { computeSlackSignature } from './signing';

/** Why Slack redelivered (X-Slack-Retry-Reason); Slack's documented values, or any string for edge cases. */
export type RetryReason = 'http_timeout' | 'http_error' | 'connection_failed' | 'ssl_error' | 'too_many_websocket_messages' | 'unknown_error' | (string & {});

export interface SendOptions {
  /** Sets X-Slack-Retry-Num (Slack counts redeliveries from 1). */
  retryNum?: number;
  /** Sets X-Slack-Retry-Reason; defaults to `http_timeout` when retryNum is given. */
  retryReason?: RetryReason;
  /** X-Slack-Request-Timestamp in seconds; default now. Old values test replay protection. */
  timestampSec?: number;
  /** Sent instead of the correct X-Slack-Signature (tests of forged requests). */
  signatureOverride?: string;
  /** Extra headers, applied last (a value of '' removes a header). */
  headers?: Record<string, string>;
}

/** What the app answered. */
export interface SlackDelivery {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

/** The part of a fetch Response the sender reads; global fetch and undici's fetch both fit. */
export interface FetchResponseLike {
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}

/** A fetch function; pass undici's fetch bound to a tuned Agent for load generation. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<FetchResponseLike>;

export interface Sender {
  /** POSTs an Events API body (event_callback, url_verification …) as JSON. */
  sendEvent(appUrl: string, signingSecret: string, body: object, opts?: SendOptions): Promise<SlackDelivery>;
  /** POSTs slash-command fields form-encoded. */
  sendSlashCommand(appUrl: string, signingSecret: string, fields: Record<string, string>, opts?: SendOptions): Promise<SlackDelivery>;
  /** POSTs an interactivity payload (block_actions …) as the form field `payload=<json>`. */
  sendInteraction(appUrl: string, signingSecret: string, payload: object, opts?: SendOptions): Promise<SlackDelivery>;
  /** POSTs an already encoded body, signed; for malformed-body tests. */
  sendRaw(appUrl: string, signingSecret: string, rawBody: string, contentType: string, opts?: SendOptions): Promise<SlackDelivery>;
}

export interface SenderOptions {
  /** Defaults to the global fetch, whose shared agent keeps connections alive. */
  fetch?: FetchLike;
}

// Slack's outgoing requests carry this User-Agent; some apps log or filter on it.
const SLACK_USER_AGENT = 'Slackbot 1.0 (+https://api.slack.com/robots)';

/** Builds the headers Slack sends with a signed request. */
export function slackRequestHeaders(signingSecret: string, rawBody: string, contentType: string, opts: SendOptions = {}): Record<string, string> {
  const timestamp = opts.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'user-agent': SLACK_USER_AGENT,
    accept: '*/*',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': opts.signatureOverride ?? computeSlackSignature({ signingSecret, timestamp, rawBody }),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
  } else if (opts.retryReason !== undefined) {
    headers['x-slack-retry-reason'] = opts.retryReason;
  }
  for (const [name, value] of Object.entries(opts.headers ?? {})) {
    const key = name.toLowerCase();
    if (value === '') delete headers[key];
    else headers[key] = value;
  }
  return headers;
}

/** Creates a sender over the given fetch (default: global fetch). */
export function createSender(options: SenderOptions = {}): Sender {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));

  async function sendRaw(appUrl: string, signingSecret: string, rawBody: string, contentType: string, opts: SendOptions = {}): Promise<SlackDelivery> {
    const response = await doFetch(appUrl, { method: 'POST', headers: slackRequestHeaders(signingSecret, rawBody, contentType, opts), body: rawBody });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const text = await response.text();
    const delivery: SlackDelivery = { status: response.status, headers, text };
    if (text !== '' && /json/i.test(headers['content-type'] ?? '')) {
      try {
        delivery.json = JSON.parse(text);
      } catch {
        // A JSON content type with a broken body is itself worth seeing in a test: keep the text.
      }
    }
    return delivery;
  }

  return {
    sendRaw,
    sendEvent: (appUrl, secret, body, opts) => sendRaw(appUrl, secret, JSON.stringify(body), 'application/json', opts),
    sendSlashCommand: (appUrl, secret, fields, opts) =>
      sendRaw(appUrl, secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts),
    sendInteraction: (appUrl, secret, payload, opts) =>
      sendRaw(appUrl, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts),
  };
}

const defaultSender = createSender();

/** POSTs a signed Events API JSON body to the app, as Slack does. */
export function sendEvent(appUrl: string, signingSecret: string, body: object, opts?: SendOptions): Promise<SlackDelivery> {
  return defaultSender.sendEvent(appUrl, signingSecret, body, opts);
}

/** POSTs signed, form-encoded slash-command fields to the app, as Slack does. */
export function sendSlashCommand(appUrl: string, signingSecret: string, fields: Record<string, string>, opts?: SendOptions): Promise<SlackDelivery> {
  return defaultSender.sendSlashCommand(appUrl, signingSecret, fields, opts);
}

/** POSTs a signed interactivity payload (`payload=<json>`, form-encoded) to the app, as Slack does. */
export function sendInteraction(appUrl: string, signingSecret: string, payload: object, opts?: SendOptions): Promise<SlackDelivery> {
  return defaultSender.sendInteraction(appUrl, signingSecret, payload, opts);
}
