import { describe, expect, it } from 'vitest';
import { slackRequestHeaders } from '../../../src/simulator/sender';
import { computeSlackSignature } from '../../../src/simulator/signing';

describe('slackRequestHeaders', () => {
  it("signs the body with Slack's headers", () => {
    const headers = slackRequestHeaders('secret', '{"a":1}', 'application/json', { timestampSec: 1531420618 });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      accept: '*/*',
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': computeSlackSignature({ signingSecret: 'secret', timestamp: 1531420618, rawBody: '{"a":1}' }),
    });
  });

  it('adds retry headers, defaulting the reason to http_timeout', () => {
    expect(slackRequestHeaders('s', '', 'application/json', { retryNum: 1 })).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(slackRequestHeaders('s', '', 'application/json', { retryNum: 2, retryReason: 'http_error' })).toMatchObject({ 'x-slack-retry-reason': 'http_error' });
  });

  it('lets a test forge or drop headers', () => {
    const headers = slackRequestHeaders('s', 'x', 'text/plain', { signatureOverride: 'v0=bad', headers: { 'X-Slack-Request-Timestamp': '' } });
    expect(headers['x-slack-signature']).toBe('v0=bad');
    expect(headers).not.toHaveProperty('x-slack-request-timestamp');
  });

  it('uses the current time by default', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(Number(slackRequestHeaders('s', '', 'application/json')['x-slack-request-timestamp'])).toBeGreaterThanOrEqual(now);
  });
});
