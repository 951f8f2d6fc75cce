import { describe, expect, it } from 'vitest';
import { addDays, dayOf, parseDay, safeTimeZone, startOfDay, utcOffsetMinutes, weekdayOf } from '../../../src/browse/time-zone';

describe('time zones', () => {
  it('finds midnight in a zone, across DST changes', () => {
    expect(startOfDay({ year: 2026, month: 7, day: 1 }, 'Europe/Paris')).toEqual(new Date('2026-06-30T22:00:00Z'));
    expect(startOfDay({ year: 2026, month: 1, day: 1 }, 'Europe/Paris')).toEqual(new Date('2025-12-31T23:00:00Z'));
    // Paris switches to summer time on 2026-03-29 at 02:00: midnight is still CET.
    expect(startOfDay({ year: 2026, month: 3, day: 29 }, 'Europe/Paris')).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(startOfDay({ year: 2026, month: 3, day: 30 }, 'Europe/Paris')).toEqual(new Date('2026-03-29T22:00:00Z'));
    expect(startOfDay({ year: 2026, month: 11, day: 2 }, 'America/Los_Angeles')).toEqual(new Date('2026-11-02T08:00:00Z'));
    expect(startOfDay({ year: 2026, month: 11, day: 2 }, 'Asia/Kolkata')).toEqual(new Date('2026-11-01T18:30:00Z'));
  });

  it('gives the day and offset of an instant', () => {
    const at = new Date('2026-11-04T23:30:00Z');
    expect(dayOf(at, 'UTC')).toEqual({ year: 2026, month: 11, day: 4 });
    expect(dayOf(at, 'Europe/Paris')).toEqual({ year: 2026, month: 11, day: 5 });
    expect(utcOffsetMinutes(at, 'Europe/Paris')).toBe(60);
    expect(utcOffsetMinutes(at, 'America/New_York')).toBe(-300);
    expect(utcOffsetMinutes(at, 'Asia/Kolkata')).toBe(330);
  });

  it('does calendar arithmetic', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(weekdayOf({ year: 2026, month: 11, day: 2 })).toBe(0); // Monday
    expect(weekdayOf({ year: 2026, month: 11, day: 8 })).toBe(6); // Sunday
  });

  it('parses only real days, and falls back to UTC for unknown zones', () => {
    expect(parseDay('2026-11-01')).toEqual({ year: 2026, month: 11, day: 1 });
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('tomorrow')).toBeNull();
    expect(safeTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(safeTimeZone(undefined)).toBe('UTC');
    expect(safeTimeZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
  });
});
