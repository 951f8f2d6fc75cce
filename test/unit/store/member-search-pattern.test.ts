// Member search narrows with a LIKE pattern in the database and decides in JavaScript, so
// both databases give the same answer. The pattern must never narrow too much: every name
// that contains q (in JavaScript's lower case) must match it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatePattern } from '../../../src/store/repositories/member-repository';
import { isStorableText } from '../../../src/storable';

/** SQL LIKE … ESCAPE '\' over lower(name), as SQLite runs it (ASCII-only lower case; `_` is one character). */
function like(pattern: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') source += escapeRegExp(pattern[++i]!);
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegExp(c);
  }
  const lowered = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return new RegExp(`^${source}$`, 'su').test(lowered);
}

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('candidatePattern', () => {
  it.each([
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%bac_\\\\slash%'],
    ['Émile', '%m_le%'],
    ['KIM', '%__m%'],
    ['🚀', '%'],
  ])('%s → %s', (q, pattern) => {
    expect(candidatePattern(q)).toBe(pattern);
  });

  it('property: every name containing q, ignoring case, matches the pattern', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ maxLength: 20 }), fc.constantFrom('İstanbul', 'Kelvin \u212a', 'ΣΊΣΥΦΟΣ', 'Straße', '100% a_b \\'));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.constantFrom('same', 'upper', 'lower'), (name, from, length, casing) => {
        const start = from % (name.length + 1);
        const piece = name.slice(start, start + (length % (name.length - start + 1)));
        const q = casing === 'upper' ? piece.toUpperCase() : casing === 'lower' ? piece.toLowerCase() : piece;
        if (!isStorableText(name) || !isStorableText(q) || q.trim() === '') return;
        if (!name.toLowerCase().includes(q.toLowerCase())) return;
        expect(like(candidatePattern(q), name), `q=${JSON.stringify(q)} name=${JSON.stringify(name)} pattern=${candidatePattern(q)}`).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
