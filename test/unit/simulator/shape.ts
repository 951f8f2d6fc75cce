// Structural comparison of a generated payload with a real one: which keys one has that the
// other lacks, and where the JSON kinds of a shared key differ. Arrays are compared as
// arrays only (their elements vary by block/attachment type).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8')) as Json;
}

/** Round-trips through JSON, as the wire does (drops undefined). */
export function wire(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(value: Json, key: string): Json {
  if (!isObject(value)) throw new Error(`not an object at ${key}`);
  const child = value[key];
  if (child === undefined) throw new Error(`missing ${key}`);
  return child;
}

function kind(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Paths of keys present in `from` but absent from `into`, recursing into nested objects up to `depth`. */
export function keysMissing(from: Json, into: Json, depth = Number.POSITIVE_INFINITY, path = ''): string[] {
  if (!isObject(from) || !isObject(into) || depth <= 0) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(from)) {
    const here = path ? `${path}.${key}` : key;
    if (!(key in into)) out.push(here);
    else out.push(...keysMissing(value, into[key] ?? null, depth - 1, here));
  }
  return out;
}

/** Paths whose JSON kinds differ (null matches anything: Slack sends null where samples blank to ""). */
export function kindMismatches(a: Json, b: Json, path = ''): string[] {
  if (a === null || b === null) return [];
  if (kind(a) !== kind(b)) return [`${path || '(root)'}: ${kind(a)} vs ${kind(b)}`];
  if (!isObject(a) || !isObject(b)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(a)) {
    const other = b[key];
    if (other !== undefined) out.push(...kindMismatches(value, other, path ? `${path}.${key}` : key));
  }
  return out;
}
