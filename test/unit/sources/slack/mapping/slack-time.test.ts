import { describe, expect, it } from 'vitest';
import { dateFromEpochSeconds, dateFromSlackTs, isSlackTs, microsOfSlackTs, slackInstant } from '../../../../../src/sources/slack/mapping';

describe('dateFromSlackTs', () => {
  it('reads a Slack ts to the millisecond', () => {
    expect(dateFromSlackTs('1531420618.000200')?.toISOString()).toBe('2018-07-12T18:36:58.000Z');
    expect(dateFromSlackTs('1360782804.083113')?.getTime()).toBe(1360782804083);
    expect(dateFromSlackTs('1700000000.999999')?.getTime()).toBe(1700000000999);
  });

  it('drops sub-millisecond digits instead of rounding up (never later than the ts)', () => {
    expect(dateFromSlackTs('1700000000.000999')?.getTime()).toBe(1700000000000);
  });

  it('takes short fractions and whole seconds', () => {
    expect(dateFromSlackTs('1700000000.5')?.getTime()).toBe(1700000000500);
    expect(dateFromSlackTs('1700000000')?.getTime()).toBe(1700000000000);
    expect(dateFromSlackTs(1700000000)?.getTime()).toBe(1700000000000);
  });

  it.each([undefined, null, '', ' ', 'abc', '1700000000.', '.5', '-1.0', '1e9', '1700000000.000200x', {}, [], true, Number.NaN, Infinity, -5])(
    'returns null for %j',
    (value) => {
      expect(dateFromSlackTs(value)).toBeNull();
    },
  );
});

describe('isSlackTs / dateFromEpochSeconds', () => {
  it('recognises only digits.digits', () => {
    expect(isSlackTs('1531420618.000200')).toBe(true);
    expect(isSlackTs('1531420618')).toBe(false);
    expect(isSlackTs(1531420618.0002)).toBe(false);
  });

  it('reads event_time seconds', () => {
    expect(dateFromEpochSeconds(1663969334)?.toISOString()).toBe('2022-09-23T21:42:14.000Z');
    expect(dateFromEpochSeconds('1663969334')).toBeNull();
    expect(dateFromEpochSeconds(-1)).toBeNull();
  });
});

describe('microsOfSlackTs / slackInstant', () => {
  it('reads the microseconds past the millisecond that dateFromSlackTs drops', () => {
    expect(microsOfSlackTs('1360782804.083113')).toBe(113);
    expect(microsOfSlackTs('1700000000.000999')).toBe(999);
    expect(microsOfSlackTs('1700000000.000200')).toBe(200);
    expect(microsOfSlackTs('1700000000.5')).toBe(0);
    expect(microsOfSlackTs('1700000000.123456789')).toBe(456);
  });

  it.each([undefined, null, '', '1700000000', 1700000000.5, 'abc', {}])('is 0 for %j', (value) => {
    expect(microsOfSlackTs(value)).toBe(0);
  });

  it('gives the millisecond Date and the microseconds together, or null', () => {
    expect(slackInstant('1360782804.083113')).toEqual({ at: new Date(1360782804083), micros: 113 });
    expect(slackInstant('1360782804')).toBeNull();
    expect(slackInstant(undefined)).toBeNull();
  });
});

describe('times past the year 9999', () => {
  it('are not times: no database query takes them (a 12-digit ts is the year 33658)', () => {
    expect(dateFromSlackTs('253402300799.999000')?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(dateFromSlackTs('253402300800.000000')).toBeNull();
    expect(dateFromSlackTs('999999999999.000000')).toBeNull();
    expect(slackInstant('999999999999.000100')).toBeNull();
    expect(dateFromEpochSeconds(1e308)).toBeNull();
    expect(dateFromEpochSeconds(253402300800)).toBeNull();
  });
});
