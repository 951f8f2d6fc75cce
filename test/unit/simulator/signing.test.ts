import { describe, expect, it } from 'vitest';
import { computeSlackSignature } from '../../../src/simulator/signing';

// Slack's documented example (https://api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('computeSlackSignature', () => {
  it("reproduces Slack's documented signature", () => {
    expect(computeSlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, rawBody: BODY })).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('accepts the timestamp as the header string too', () => {
    expect(computeSlackSignature({ signingSecret: SECRET, timestamp: String(TIMESTAMP), rawBody: BODY })).toBe(
      computeSlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, rawBody: BODY }),
    );
  });

  it('changes with any byte of the body, the timestamp or the secret', () => {
    const base = computeSlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, rawBody: BODY });
    expect(computeSlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, rawBody: `${BODY} ` })).not.toBe(base);
    expect(computeSlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP + 1, rawBody: BODY })).not.toBe(base);
    expect(computeSlackSignature({ signingSecret: `${SECRET}x`, timestamp: TIMESTAMP, rawBody: BODY })).not.toBe(base);
  });
});
