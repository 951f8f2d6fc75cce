// The OpenAPI document covers exactly the routes the router serves, and every schema it
// references exists.
import type { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { buildOpenApiDocument, documentedResponses } from '../../../src/api/openapi/document';
import { expressPath } from '../../../src/api/operation';
import { API_OPERATIONS } from '../../../src/api/operations';
import { apiRouter, API_VERSION } from '../../../src/api/router';
import type { Store } from '../../../src/store/store';

type Json = Record<string, unknown>;

/** Every (METHOD path) an express router serves, nested routers included. */
function routesOf(router: Router): string[] {
  const out: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: unknown[] }).stack);
  return out.sort();
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

const document = buildOpenApiDocument(API_OPERATIONS, { version: API_VERSION });
const paths = document.paths as Record<string, Record<string, Json>>;

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with bearer security', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.security).toEqual([{ bearerAuth: [] }]);
  });

  it('documents every route the API router serves, and nothing else', () => {
    const router = apiRouter({ store: {} as Store, registry: activityRegistry, authenticate: async () => null });
    const served = routesOf(router);
    const documented = Object.entries(paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${expressPath(path)}`))
      .sort();
    expect(served).toEqual(documented);
    expect(served).toEqual(
      expect.arrayContaining(['POST /activities', 'POST /activities/batch', 'GET /activity-types', 'GET /members/:id', 'GET /stats', 'GET /export', 'GET /openapi.json']),
    );
  });

  it('resolves every $ref to a component schema', () => {
    const components = (document.components as { schemas: Json }).schemas;
    const refs = [...new Set(refsIn(document))];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(components[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
  });

  it('gives every operation an id, a summary and a documented success and error responses', () => {
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation.operationId, `${method} ${path}`).toBeTypeOf('string');
        expect(ids.has(operation.operationId as string)).toBe(false);
        ids.add(operation.operationId as string);
        const statuses = Object.keys(operation.responses as Json).map(Number);
        expect(statuses.some((s) => s >= 200 && s < 300)).toBe(true);
        expect(statuses).toContain(500);
      }
    }
  });

  it('documents scopes: 401 and 403 where a key and scope are needed, no security on the public document', () => {
    for (const operation of API_OPERATIONS) {
      const statuses = Object.keys(documentedResponses(operation)).map(Number);
      if (operation.auth === 'public') {
        expect(paths[operation.path]![operation.method]!.security).toEqual([]);
        expect(statuses).not.toContain(401);
      } else {
        expect(statuses).toContain(401);
        expect(statuses.includes(403)).toBe(operation.auth.length > 0);
      }
    }
  });

  it('describes query parameters from the handlers\' schemas', () => {
    const list = paths['/activities']!.get!;
    const names = (list.parameters as { name: string; in: string; required: boolean }[]).map((p) => `${p.in}:${p.name}:${p.required}`);
    expect(names).toEqual(['query:type:false', 'query:member:false', 'query:channel:false', 'query:since:false', 'query:until:false', 'query:q:false', 'query:limit:false', 'query:cursor:false']);
    const member = paths['/members/{id}']!.get!;
    expect((member.parameters as { name: string; in: string; required: boolean }[])[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    const exportFormat = (paths['/export']!.get!.parameters as { name: string; schema: Json }[]).find((p) => p.name === 'format');
    expect(exportFormat?.schema).toMatchObject({ enum: ['ndjson', 'csv'], default: 'ndjson' });
  });

  it('documents Idempotency-Key on the ingest operations', () => {
    for (const path of ['/activities', '/activities/batch']) {
      const parameters = paths[path]!.post!.parameters as { name: string; in: string }[];
      expect(parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    }
  });

  it('documents the ingest body as the schema the handler checks', () => {
    const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
    expect(schemas.NewActivity).toMatchObject({ type: 'object', required: ['type', 'occurred_at', 'metadata'], additionalProperties: false });
    expect(schemas.NewActivityBatch).toMatchObject({ properties: { activities: { maxItems: 1000, minItems: 1 } } });
  });
});
