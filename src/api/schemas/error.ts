// The body of every error response.
import { z } from 'zod';
import { named } from './registry';

export const issueSchema = z.object({
  path: z.string().describe('Where the problem is: a dotted path into the request ("metadata.title", "activities.3.type", "query.since")'),
  message: z.string(),
});

export const errorResponse = named(
  'Error',
  z.object({
    error: z.object({
      code: z.string().describe('Stable snake_case code, e.g. invalid_request, activity_invalid_metadata, forbidden'),
      message: z.string().describe('For people'),
      issues: z.array(issueSchema).describe('Every problem found, for programs'),
      items: z
        .array(
          z.object({
            index: z.number().int().describe('Position of the refused item in `activities`'),
            external_id: z.string().nullable(),
            code: z.string(),
            issues: z.array(issueSchema).describe('Paths relative to the item'),
          }),
        )
        .optional()
        .describe('Batch ingest only: the refused items and why (nothing of the batch was stored)'),
    }),
  }),
);

export type ErrorResponse = z.infer<typeof errorResponse>;
