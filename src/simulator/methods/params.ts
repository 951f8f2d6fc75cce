// Reading Web API arguments the way Slack does: form values are strings ("true", "200",
// JSON-encoded arrays), JSON bodies carry real types; both must mean the same.
import type { Params } from '../call-log';

/** A string argument, or undefined when absent or empty. */
export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** An integer argument, or undefined when absent or not a number. */
export function intParam(params: Params, name: string): number | undefined {
  const value = params[name];
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isInteger(number) ? number : undefined;
}

/** A boolean argument: true, "true" and "1" are true. */
export function boolParam(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export type JsonParam = { kind: 'absent' } | { kind: 'invalid' } | { kind: 'value'; value: unknown };

/** An argument that is JSON: an object/array in a JSON body, or a JSON-encoded string in a form. */
export function jsonParam(params: Params, name: string): JsonParam {
  const value = params[name];
  if (value === undefined || value === '') return { kind: 'absent' };
  if (typeof value !== 'string') return { kind: 'value', value };
  try {
    return { kind: 'value', value: JSON.parse(value) };
  } catch {
    return { kind: 'invalid' };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
