// Pure helpers behind the simulated Web API: cursor pagination, argument parsing, Block Kit limits.
import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../src/simulator/methods/block-validation';
import { paginate } from '../../../src/simulator/methods/pagination';
import { jsonParam } from '../../../src/simulator/methods/params';
import { parseArguments } from '../../../src/simulator/request-body';

describe('paginate', () => {
  const ids = ['C1', 'C2', 'C3', 'C4', 'C5'];
  const page = (cursor: string | undefined, limit: number | undefined) => paginate(ids, (id) => id, 'channel', cursor, limit);

  it('walks every item once with opaque base64 cursors and ends on ""', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const result = page(cursor, 2);
      if (!result.ok) throw new Error(result.error);
      seen.push(...result.page.items);
      if (result.page.nextCursor === '') break;
      expect(Buffer.from(result.page.nextCursor, 'base64').toString()).toMatch(/^channel:C\d$/);
      cursor = result.page.nextCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('defaults to 100 per page and rejects cursors it never issued', () => {
    expect(page(undefined, undefined)).toEqual({ ok: true, page: { items: ids, nextCursor: '' } });
    expect(page('bm9wZQ==', 2)).toEqual({ ok: false, error: 'invalid_cursor' });
  });
});

describe('parseArguments', () => {
  it('reads form bodies as strings, with the token usable', () => {
    const parsed = parseArguments(new URLSearchParams('limit=5'), 'application/x-www-form-urlencoded', 'token=xoxb-1&channel=C1&limit=10');
    expect(parsed).toEqual({ ok: true, params: { limit: '10', channel: 'C1', token: 'xoxb-1' }, bodyKind: 'form', tokenParam: 'xoxb-1' });
  });

  it('keeps JSON types and never takes the token from a JSON body', () => {
    const parsed = parseArguments(new URLSearchParams(), 'application/json; charset=utf-8', '{"token":"xoxb-1","view":{"type":"home"}}');
    expect(parsed).toMatchObject({ ok: true, params: { view: { type: 'home' } }, bodyKind: 'json', tokenParam: undefined });
    expect(parseArguments(new URLSearchParams(), 'application/json', '{nope')).toEqual({ ok: false, error: 'invalid_json' });
  });

  it('reads JSON-encoded form values as JSON', () => {
    expect(jsonParam({ blocks: '[{"type":"divider"}]' }, 'blocks')).toEqual({ kind: 'value', value: [{ type: 'divider' }] });
    expect(jsonParam({ blocks: '[{' }, 'blocks')).toEqual({ kind: 'invalid' });
    expect(jsonParam({}, 'blocks')).toEqual({ kind: 'absent' });
  });
});

describe('validateBlocks', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

  it('accepts ordinary blocks', () => {
    expect(validateBlocks([section('hi'), { type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'Title' } }], '/view/blocks', 100)).toEqual([]);
  });

  it('reports Slack-style messages with JSON pointers', () => {
    const tooMany = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(validateBlocks(tooMany, '/view/blocks', 100)).toEqual(['[ERROR] must be less than 101 items [json-pointer:/view/blocks]']);
    expect(validateBlocks([section('x'.repeat(3001))], '/view/blocks', 100)).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/view/blocks/0/text/text]',
    ]);
    expect(validateBlocks([section('')], '/blocks', 50)).toEqual(['[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([{ type: 'nonsense' }], '/blocks', 50)).toEqual(['[ERROR] failed to match all allowed schemas [json-pointer:/blocks/0]']);
    expect(validateBlocks('[]', '/blocks', 50)).toEqual(['[ERROR] must provide an array [json-pointer:/blocks]']);
  });

  it('checks header and actions limits', () => {
    expect(validateBlocks([{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], '/b', 10)).toEqual(['[ERROR] must be one of: plain_text [json-pointer:/b/0/text/type]']);
    const button = { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } };
    expect(validateBlocks([{ type: 'actions', elements: [button] }], '/b', 10)).toEqual(['[ERROR] must be less than 76 characters [json-pointer:/b/0/elements/0/text/text]']);
  });
});
