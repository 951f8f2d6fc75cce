// Schemas of GET /activity-types: the registry, with the JSON Schema of every version.
import { z } from 'zod';
import { named } from './registry';

export const activityTypeParams = z.object({ type: z.string().min(1).describe('Activity type, e.g. post.created') }).strict();

export const activityTypeResponse = named(
  'ActivityType',
  z.object({
    type: z.string(),
    description: z.string(),
    source: z.enum(['slack', 'external']).describe('slack: recorded from Slack events; external: sent through POST /activities'),
    ingestible: z.boolean().describe('Whether POST /activities accepts it'),
    initiator: z.string().describe('Who the initiator is'),
    recipient: z.object({
      kind: z.enum(['none', 'optional', 'required']),
      who: z.string().nullable(),
    }),
    current_version: z.number().int(),
    versions: z.array(
      z.object({
        version: z.number().int(),
        current: z.boolean(),
        changelog: z.string(),
        metadata_schema: z.record(z.string(), z.unknown()).describe("JSON Schema (draft 2020-12) of this version's metadata"),
      }),
    ),
  }),
);

export const listActivityTypesResponse = named(
  'ActivityTypeList',
  z.object({ activity_types: z.array(activityTypeResponse) }),
);

export type ActivityTypeResponse = z.infer<typeof activityTypeResponse>;
