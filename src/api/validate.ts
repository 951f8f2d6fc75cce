// zod at the edge: a failed parse becomes a 400 listing every problem.
import type { z } from 'zod';
import { AppError, ErrorCode } from '../errors';
import { toIssues } from '../activities/registry';

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error, where);
  throw new AppError(ErrorCode.InvalidRequest, `invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
    issues,
  });
}
