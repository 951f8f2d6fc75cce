// The named schemas of the API: each request body and response schema is registered here
// under the name it has in the OpenAPI document (components.schemas).
import { z } from 'zod';

export interface ApiSchemaMeta {
  /** Name under components.schemas. */
  id: string;
  /** Which side of a transform the document shows: requests as sent (input), responses as returned (output). */
  io: 'input' | 'output';
}

export const apiSchemas = z.registry<ApiSchemaMeta>();
const byId = new Map<string, ApiSchemaMeta>();

/** Registers a schema under a component name and returns it unchanged. */
export function named<S extends z.ZodType>(id: string, schema: S, io: 'input' | 'output' = 'output'): S {
  if (byId.has(id)) throw new Error(`API schema "${id}" is registered twice`);
  const meta = { id, io };
  byId.set(id, meta);
  apiSchemas.add(schema, meta);
  return schema;
}

/** Every registered name with its side. */
export function namedSchemas(): ApiSchemaMeta[] {
  return [...byId.values()];
}
