import { describe, expect, it } from 'vitest';
import { activityId, channelRowId, newId, slackMemberId } from '../../../src/store/ids';

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

  describe('activityId', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const decode = (chars: string) => [...chars].reduce((n, c) => n * 32 + alphabet.indexOf(c), 0);

    it('has the act_ prefix and 26 Crockford base32 characters, the time part from occurredAt', () => {
      const at = new Date(Date.UTC(2026, 10, 26, 19, 45, 0, 123));
      const id = activityId(at, 456);
      expect(id).toMatch(/^act_[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(decode(id.slice(4, 14))).toBe(at.getTime());
      expect(decode(id.slice(14, 16))).toBe(456);
    });

    it('sorts by occurredAt, then by the microseconds, whatever order the ids were made in', () => {
      const base = Date.UTC(2026, 10, 26);
      const instants: [number, number][] = [[0, 0], [0, 1], [0, 31], [0, 32], [0, 500], [0, 999], [1, 0], [1, 7], [1000, 3], [86_400_000, 0]];
      const ids = instants.map(([ms, us]) => activityId(new Date(base + ms), us));
      expect([...ids].reverse().sort()).toEqual(ids);
      // Byte order and a locale-aware order agree (PostgreSQL may compare ids with either).
      expect([...ids].reverse().sort((a, b) => a.localeCompare(b, 'en'))).toEqual(ids);
    });

    it('is unique within one microsecond, and clamps what does not fit', () => {
      const at = new Date();
      expect(new Set(Array.from({ length: 5_000 }, () => activityId(at, 250))).size).toBe(5_000);
      expect(activityId(at, 5_000).slice(14, 16)).toBe(activityId(at, 999).slice(14, 16));
      expect(activityId(at, -3).slice(14, 16)).toBe('00');
      expect(activityId(new Date(-1_000), 0)).toMatch(/^act_0000000000/);
    });
  });
});
