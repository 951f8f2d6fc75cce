import { describe, expect, it } from 'vitest';
import type { BrowseFilter } from '../../../src/browse/browse-filter';
import { decodePageToken, encodePageToken } from '../../../src/browse/page-token';

describe('page tokens', () => {
  it('round-trip a full filter', () => {
    const filter: BrowseFilter = {
      member: { slackUserId: 'U1', label: 'ana' },
      channels: [{ id: 'C1', label: 'general' }, { id: 'C2' }],
      types: ['slack_message.created'],
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-11-02T00:00:00Z'),
      rangeLabel: 'yesterday',
      text: 'ship it',
    };
    const value = encodePageToken({ filter, direction: 'older', cursor: 'abc', page: 3 });
    expect(decodePageToken(value)).toEqual({ filter, direction: 'older', cursor: 'abc', page: 3 });
  });

  it('fit in a button value at their largest, dropping labels if needed', () => {
    const filter: BrowseFilter = {
      member: { slackUserId: 'U1', label: 'a'.repeat(200) },
      channels: Array.from({ length: 10 }, (_, i) => ({ id: `C${i}AAAAAAAAAA`, label: 'c'.repeat(200) })),
      types: Array.from({ length: 24 }, (_, i) => `some_long_type_name_${i}.threaded_reply.created`),
      since: new Date(0),
      until: new Date(),
      text: '"\\'.repeat(100),
    };
    const value = encodePageToken({ filter, direction: 'newer', cursor: 'x'.repeat(60), page: 999 });
    expect(value.length).toBeLessThanOrEqual(2000);
    const decoded = decodePageToken(value)!;
    expect(decoded.filter.channels).toHaveLength(10);
    expect(decoded.filter.text).toBe(filter.text);
  });

  it('reject values this app did not write', () => {
    expect(decodePageToken(undefined)).toBeNull();
    expect(decodePageToken('click_me')).toBeNull();
    expect(decodePageToken('{"f":{},"d":"x","c":"a","p":1}')).toBeNull();
    expect(decodePageToken('{"f":{"m":{"i":"robert\'); drop"}},"d":"o","c":"a","p":1}')).toBeNull();
  });
});
