import { describe, expect, it } from 'vitest';
import { daySeries } from '../../../src/browse/stats';

describe('daySeries', () => {
  it('has one entry per day of the range in the viewer zone, zero days included', () => {
    const since = new Date('2026-10-29T23:00:00Z'); // Oct 30, Paris
    const until = new Date('2026-11-04T15:00:00Z'); // Nov 4, Paris
    const { series, daysPerBar } = daySeries(
      [
        { day: '2026-10-30', count: 2 },
        { day: '2026-11-02', count: 5 },
        { day: '2026-11-02', count: 1 },
      ],
      since,
      until,
      'Europe/Paris',
    );
    expect(daysPerBar).toBe(1);
    expect(series).toEqual([
      { label: '2026-10-30', count: 2 },
      { label: '2026-10-31', count: 0 },
      { label: '2026-11-01', count: 0 },
      { label: '2026-11-02', count: 6 },
      { label: '2026-11-03', count: 0 },
      { label: '2026-11-04', count: 0 },
    ]);
  });

  it('groups long ranges into at most maxBars bars', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-12-31T12:00:00Z');
    const { series, daysPerBar } = daySeries([{ day: '2026-01-02', count: 3 }], since, until, 'UTC');
    expect(series.length).toBeLessThanOrEqual(31);
    expect(daysPerBar).toBe(12);
    expect(series[0]).toEqual({ label: '2026-01-01', count: 3 });
  });
});
