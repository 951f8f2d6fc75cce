// Building blocks of query strings, where every value arrives as text.
import { z } from 'zod';

/**
 * An integer parameter from `min` to `max`, `fallback` when absent. An empty value ("limit=")
 * is refused like any other non-number, naming the range ("expected a number from 1 to 500"),
 * rather than read as 0.
 */
export function queryInteger(min: number, max: number, fallback: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? Number.NaN : value),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );
}

interface TimeRange {
  since?: Date | undefined;
  until?: Date | undefined;
}

const readable = (value: unknown) => value === undefined || value instanceof Date;

/**
 * `since` before `until`, for `.refine(inOrder.check, inOrder.params)`. Checked whenever both
 * could be read, even if other parameters are wrong, so every problem comes out in one answer.
 */
export const inOrder = {
  check: (q: TimeRange) => !(q.since && q.until) || q.since < q.until,
  params: {
    message: 'since must be before until',
    path: ['until'],
    when: (payload: z.core.ParsePayload) => {
      const value = payload.value as TimeRange | undefined;
      return typeof value === 'object' && value !== null && readable(value.since) && readable(value.until);
    },
  },
};
