import { describe, expect, it } from 'vitest';
import { describeNetworkError, tokenRefusal } from '../../../src/slack/identify-bot';

/** What @slack/web-api throws for a failed fetch: a request error wrapping undici's TypeError and its cause. */
function requestError(cause: object) {
  const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket'), cause) });
  return Object.assign(new Error('A request error occurred: fetch failed'), { code: 'slack_webapi_request_error', original: fetchFailed });
}

describe('describeNetworkError', () => {
  it('names the socket error and the address', () => {
    expect(describeNetworkError(requestError({ code: 'ECONNREFUSED', address: '127.0.0.1', port: 4000 }), 10_000)).toBe(
      'connection refused (ECONNREFUSED 127.0.0.1:4000)',
    );
    expect(describeNetworkError(requestError({ code: 'ENOTFOUND', hostname: 'slack.invalid' }), 10_000)).toBe('host name not found (ENOTFOUND slack.invalid)');
    expect(describeNetworkError(requestError({ code: 'UND_ERR_CONNECT_TIMEOUT' }), 10_000)).toBe('connection timed out (UND_ERR_CONNECT_TIMEOUT)');
  });

  it('our own per-attempt timeout reads as "no answer"', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(describeNetworkError(Object.assign(new Error('x'), { original: timeout }), 10_000)).toBe('no answer within 10 s');
  });
});

describe('tokenRefusal', () => {
  const platform = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

  it('names the variable, what Slack meant, and where to find the right value', () => {
    const refusal = tokenRefusal(platform('invalid_auth'), 'SLACK_BOT_TOKEN', 'copy it from OAuth & Permissions');
    expect(refusal?.code).toBe('slack_auth_failed');
    expect(refusal?.message).toBe('SLACK_BOT_TOKEN was refused by Slack (invalid_auth: Slack does not know this token): copy it from OAuth & Permissions');
    expect(tokenRefusal(platform('token_revoked'), 'SLACK_APP_TOKEN', 'x')?.message).toContain('SLACK_APP_TOKEN was refused by Slack (token_revoked');
  });

  it('other errors are not token refusals', () => {
    expect(tokenRefusal(platform('channel_not_found'), 'SLACK_BOT_TOKEN', 'x')).toBeUndefined();
    expect(tokenRefusal(new Error('boom'), 'SLACK_BOT_TOKEN', 'x')).toBeUndefined();
  });
});
