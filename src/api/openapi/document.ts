// The OpenAPI 3.1 document of /api/v1, generated from the operation table (src/api/operations.ts)
// and the zod schemas the handlers validate with. OpenAPI 3.1 uses JSON Schema 2020-12, which
// is what z.toJSONSchema produces, so the schemas go in unchanged.
import { z } from 'zod';
import type { OperationSpec, ResponseSpec } from '../operation';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency';
import { errorResponse } from '../schemas/error';
import { apiSchemas, namedSchemas } from '../schemas/registry';

type Json = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';

function withoutDialect(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Every registered schema, named: requests as sent (input), responses as returned (output). */
function componentSchemas(): Record<string, Json> {
  const convert = (io: 'input' | 'output') =>
    (z.toJSONSchema(apiSchemas, { io, uri: (id) => `${COMPONENT_PREFIX}${id}`, unrepresentable: 'any' }) as { schemas: Record<string, Json> }).schemas;
  const converted = { input: convert('input'), output: convert('output') };
  const out: Record<string, Json> = {};
  for (const { id, io } of namedSchemas().sort((a, b) => (a.id < b.id ? -1 : 1))) out[id] = withoutDialect(converted[io][id]!);
  return out;
}

function ref(schema: z.ZodType, where: string): Json {
  const meta = apiSchemas.get(schema);
  if (!meta) throw new Error(`${where}: register its schema with named() in src/api/schemas so it has a component name`);
  return { $ref: `${COMPONENT_PREFIX}${meta.id}` };
}

function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) throw new Error('query and path schemas must be zod objects');
  return shape;
}

function parameters(operation: OperationSpec): Json[] {
  const params: Json[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined) => {
    if (!schema) return;
    for (const [name, field] of Object.entries(fieldsOf(schema))) {
      const json = withoutDialect(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Json);
      const { description, ...fieldSchema } = json;
      params.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        ...(typeof description === 'string' ? { description } : {}),
        schema: fieldSchema,
        ...(where === 'query' && Array.isArray((fieldSchema as { anyOf?: unknown }).anyOf) ? { style: 'form', explode: true } : {}),
      });
    }
  };
  add('path', operation.params);
  add('query', operation.query);
  if (operation.idempotent) {
    params.push({
      name: IDEMPOTENCY_KEY_HEADER,
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID): a retry with the same key and body replays the first response (24 h); the same key with another body is a 409',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  return params;
}

function response(operation: OperationSpec, status: number, spec: ResponseSpec): Json {
  const content: Json = {};
  if (spec.schema) content['application/json'] = { schema: ref(spec.schema, `${operation.operationId} ${status}`) };
  for (const [media, body] of Object.entries(spec.media ?? {})) {
    content[media] = { schema: body.schema, ...(body.description ? { 'x-description': body.description } : {}) };
  }
  return {
    description: spec.description,
    ...(spec.headers ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([k, h]) => [k, { description: h.description, schema: h.schema }])) } : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

/** The error responses every operation can give, unless it documents its own. */
function standardErrors(operation: OperationSpec): Record<number, ResponseSpec> {
  const errors: Record<number, ResponseSpec> = {};
  if (operation.params || operation.query || operation.body) errors[400] = { description: 'Invalid request: `issues` lists every problem', schema: errorResponse };
  if (operation.auth !== 'public') {
    errors[401] = { description: 'Missing, unknown or revoked API key', schema: errorResponse };
    if (operation.auth.length > 0) errors[403] = { description: `The key lacks a required scope (${operation.auth.join(', ')})`, schema: errorResponse };
  }
  errors[500] = { description: 'Internal error', schema: errorResponse };
  errors[503] = { description: 'The database is unavailable; retry', schema: errorResponse };
  return errors;
}

/** The responses an operation is documented to give, standard errors included. */
export function documentedResponses(operation: OperationSpec): Record<number, ResponseSpec> {
  return { ...standardErrors(operation), ...operation.responses };
}

function operationObject(operation: OperationSpec): Json {
  const scopes = operation.auth === 'public' ? null : operation.auth;
  const description = [
    operation.description,
    scopes === null ? 'No API key needed.' : scopes.length > 0 ? `Requires the ${scopes.map((s) => `\`${s}\``).join(', ')} scope.` : 'Any valid API key.',
  ]
    .filter(Boolean)
    .join('\n\n');
  const responses = documentedResponses(operation);
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description,
    ...(scopes === null ? { security: [] } : { 'x-required-scopes': [...scopes] }),
    parameters: parameters(operation),
    ...(operation.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(operation.body, `${operation.operationId} body`) } } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(responses)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, spec]) => [status, response(operation, Number(status), spec)]),
    ),
  };
}

export interface DocumentInfo {
  version: string;
  /** Where the API is mounted (default /api/v1). */
  serverUrl?: string;
}

export function buildOpenApiDocument(operations: readonly OperationSpec[], info: DocumentInfo): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const operation of operations) {
    const path = (paths[operation.path] ??= {});
    if (path[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is declared twice`);
    path[operation.method] = operationObject(operation);
  }
  const tags = [...new Set(operations.map((o) => o.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Slack activity collector API',
      version: info.version,
      description:
        'Activities recorded from a Slack community and ingested from other systems: list, fetch, ingest, export, ' +
        'members, statistics and the activity type registry. Authenticate with `Authorization: Bearer <API key>`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: info.serverUrl ?? '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (ak_…) or the API_TOKEN of the deployment' },
      },
      schemas: componentSchemas(),
    },
  };
}
