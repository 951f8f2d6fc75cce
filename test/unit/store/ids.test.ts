import { describe, expect, it } from 'vitest';
import { channelRowId, newId, slackMemberId } from '../../../src/store/ids';

describe('ids', () => {
  it('have the prefix, a 10-char time part and a 16-char random part in Crockford base32', () => {
    const id = newId('act');
    expect(id).toMatch(/^act_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('sort by creation time (lexicographically), across many timestamps', () => {
    const base = Date.UTC(2026, 10, 26);
    const times = [0, 1, 31, 32, 33, 1023, 1024, 60_000, 86_400_000, 365 * 86_400_000].map((d) => base + d);
    const ids = times.map((t) => newId('act', t));
    expect([...ids].sort()).toEqual(ids);
    // Shuffled creation order still sorts back to time order.
    const shuffled = [...ids].reverse();
    expect(shuffled.sort()).toEqual(ids);
  });

  it('are ordered by time before randomness, even with the smallest time step', () => {
    for (let i = 0; i < 200; i++) {
      const t = Date.UTC(2026, 0, 1) + i * 7;
      expect(newId('x', t) < newId('x', t + 1)).toBe(true);
    }
  });

  it('encode the time so it can be read back', () => {
    const t = Date.UTC(2026, 10, 26, 19, 45, 0, 123);
    const timePart = newId('a', t).slice(2, 12);
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const decoded = [...timePart].reduce((n, c) => n * 32 + alphabet.indexOf(c), 0);
    expect(decoded).toBe(t);
  });

  it('are unique within one millisecond', () => {
    const t = Date.now();
    const ids = new Set(Array.from({ length: 5_000 }, () => newId('act', t)));
    expect(ids.size).toBe(5_000);
  });

  it('derive member and channel row ids deterministically', () => {
    expect(slackMemberId('T1', 'U1')).toBe(slackMemberId('T1', 'U1'));
    expect(slackMemberId('T1', 'U1')).not.toBe(slackMemberId('T2', 'U1'));
    expect(channelRowId('T1', 'C1')).toBe('c_T1_C1');
    expect(channelRowId('T1', 'C1')).not.toBe(channelRowId('T1', 'C2'));
  });
});
