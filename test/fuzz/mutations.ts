// Mutations of JSON payloads for the fuzz suites (fast-check): a field removed, a value
// replaced by one of another type, or by text no database likes (NUL, lone surrogates, very
// long), or by something nested thousands of levels deep. Each arbitrary yields the mutated
// value and a short description, so a failure says what was done to which field.
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths into a payload are taken this deep at most (a deeply nested replacement is one value). */
const MAX_PATH_DEPTH = 12;

/** Every path to a value in a JSON tree (the root excluded), down to MAX_PATH_DEPTH. */
export function pathsOf(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length >= MAX_PATH_DEPTH) return out;
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), pathsOf(v, [...prefix, i], out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([...prefix, k]), pathsOf(v, [...prefix, k], out);
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Sets (or, with `remove`, deletes) the value at a path, in place. */
function setAt(root: Json, path: (string | number)[], value: Json | undefined): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
}

/** A value nested `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Text that databases and JSON handle badly. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\ud83d', '%', '_', '%00', '\\', "'; DROP TABLE \"Activity\";--", '\u202e', '\ufeff', ''),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes)),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'w'.repeat(n)),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

/** Any JSON value, weird ones weighted up. */
export const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  nastyText,
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, -1e-308, 2 ** 53 + 1, [], {}, [null], { '': null }),
  // Deep, but not so deep that JSON.stringify (the sender's, fast-check's report) overflows:
  // thousands of levels are sent as text by the deep-nesting test.
  fc.integer({ min: 100, max: 1_000 }).map(deeplyNested),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

export interface Mutated {
  value: Json;
  steps: string[];
}

/** One to three mutations of `base`: remove a field, or replace it with a weird value. */
export function mutationsOf(base: Json): fc.Arbitrary<Mutated> {
  const paths = pathsOf(base);
  const step = fc.tuple(fc.nat(), fc.boolean(), weirdValue);
  return fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => {
    const value = clone(base);
    const done: string[] = [];
    for (const [pick, remove, replacement] of steps) {
      const available = pathsOf(value);
      if (available.length === 0 && paths.length === 0) break;
      const path = available.length > 0 ? available[pick % available.length]! : paths[pick % paths.length]!;
      try {
        setAt(value, path, remove ? undefined : replacement);
        done.push(`${remove ? 'removed' : 'replaced'} ${path.join('.')}${remove ? '' : ` with ${describe(replacement)}`}`);
      } catch {
        // The path vanished under an earlier step: skip it.
      }
    }
    return { value, steps: done };
  });
}

function describe(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 60)}… (${text.length} chars)` : text;
}
