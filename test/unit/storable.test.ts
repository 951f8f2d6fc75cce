import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutText,
  EARLIEST_INSTANT_MS,
  holdsUnstorableText,
  isStorableInstant,
  isStorableText,
  LATEST_INSTANT_MS,
  makeStorableInPlace,
  storableText,
  unstorableTextPaths,
} from '../../src/storable';

/** Any string of UTF-16 code units, lone surrogates and NULs included. */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((codes) => String.fromCharCode(...codes));

describe('storable text', () => {
  it.each([
    ['plain text', 'hello', true],
    ['empty', '', true],
    ['an emoji (a valid surrogate pair)', 'ship it 🚀', true],
    ['a NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'x\ud83d', false],
    ['a lone low surrogate', '\ude80x', false],
    ['two high surrogates', '\ud83d\ud83d\ude80', false],
    ['U+FFFD itself', '\ufffd', true],
  ])('%s: storable %s', (_name, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it('replaces each NUL and unpaired surrogate by U+FFFD, keeping pairs and length', () => {
    expect(storableText('a\u0000b\ud800c\udc00🚀\ud83d')).toBe('a\ufffdb\ufffdc\ufffd🚀\ufffd');
    const plain = 'unchanged 🚀';
    expect(storableText(plain)).toBe(plain);
  });

  it('property: the repaired text is storable, as long, and the same where it was storable', () => {
    fc.assert(
      fc.property(anyUnits, (text) => {
        const repaired = storableText(text);
        expect(isStorableText(repaired)).toBe(true);
        expect(repaired.length).toBe(text.length);
        expect(storableText(repaired)).toBe(repaired);
        if (isStorableText(text)) expect(repaired).toBe(text);
        // Storable exactly when the platform says the UTF-16 is well formed and has no NUL.
        const wellFormed = (text as unknown as { isWellFormed(): boolean }).isWellFormed();
        expect(isStorableText(text)).toBe(wellFormed && !text.includes('\u0000'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('cuts text without splitting a surrogate pair', () => {
    expect(cutText('ab🚀', 3)).toBe('ab');
    expect(cutText('ab🚀', 4)).toBe('ab🚀');
    expect(cutText('abc', 2)).toBe('ab');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat(40), (text, max) => {
        const cut = cutText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(isStorableText(cut)).toBe(isStorableText(text));
      }),
    );
  });

  it('repairs a parsed payload in place, keys included, however deep, and says whether anything changed', () => {
    const payload = JSON.parse('{"event":{"text":"a\\u0000b","list":["ok","\\ud800"],"k\\u0000":"v","fine":"🚀"}}');
    expect(holdsUnstorableText(payload)).toBe(true);
    expect(unstorableTextPaths(payload)).toEqual(['event.text', 'event.list.1', 'event.k\ufffd']);
    expect(makeStorableInPlace(payload)).toBe(3);
    expect(payload).toEqual({ event: { text: 'a\ufffdb', list: ['ok', '\ufffd'], 'k\ufffd': 'v', fine: '🚀' } });
    expect(holdsUnstorableText(payload)).toBe(false);
    expect(makeStorableInPlace(payload)).toBe(0);

    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 20_000; i++) deep = i % 2 ? [deep] : { a: deep };
    expect(holdsUnstorableText(deep)).toBe(true);
    expect(unstorableTextPaths(deep)).toHaveLength(1);
    expect(makeStorableInPlace(deep)).toBe(1);
    expect(holdsUnstorableText(deep)).toBe(false);
  });

  it('lists at most `limit` paths', () => {
    expect(unstorableTextPaths(Array.from({ length: 100 }, () => '\u0000'), 5)).toEqual(['0', '1', '2', '3', '4']);
    expect(unstorableTextPaths('\u0000')).toEqual(['']);
    expect(unstorableTextPaths(42)).toEqual([]);
  });

  it('a clean payload is looked at once per string, not copied', () => {
    const payload = { a: 'x', b: ['y', { c: 'z' }] };
    const before = JSON.stringify(payload);
    expect(makeStorableInPlace(payload)).toBe(0);
    expect(JSON.stringify(payload)).toBe(before);
  });
});

describe('storable instants', () => {
  it('are the years 1 to 9999, in UTC', () => {
    expect(new Date(EARLIEST_INSTANT_MS).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(new Date(LATEST_INSTANT_MS).toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(isStorableInstant(new Date('2026-12-02T00:00:00Z'))).toBe(true);
    expect(isStorableInstant(EARLIEST_INSTANT_MS)).toBe(true);
    expect(isStorableInstant(LATEST_INSTANT_MS)).toBe(true);
    expect(isStorableInstant(EARLIEST_INSTANT_MS - 1)).toBe(false);
    expect(isStorableInstant(LATEST_INSTANT_MS + 1)).toBe(false);
    expect(isStorableInstant(new Date('0000-06-01T00:00:00Z'))).toBe(false);
    expect(isStorableInstant(new Date(Number.NaN))).toBe(false);
    expect(isStorableInstant(8.64e15)).toBe(false);
  });
});
