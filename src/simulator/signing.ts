// Slack's request signature (https://api.slack.com/authentication/verifying-requests-from-slack).
// Pure, so the sender and the tests share one definition with Slack's documented vector.
import { createHmac } from 'node:crypto';

export interface SignatureInput {
  signingSecret: string;
  /** Seconds since the epoch, as sent in X-Slack-Request-Timestamp. */
  timestamp: number | string;
  /** The exact bytes of the request body: any re-encoding breaks the signature. */
  rawBody: string;
}

/** Returns `v0=<hex HMAC-SHA256 of "v0:{timestamp}:{rawBody}">`, the X-Slack-Signature value. */
export function computeSlackSignature({ signingSecret, timestamp, rawBody }: SignatureInput): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}
