// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated at start from the operation
// table and its zod schemas. Public: it describes the API, it holds no data.
import { Router } from 'express';
import { z } from 'zod';
import { buildOpenApiDocument } from '../openapi/document';
import { defineOperation, mount, type OperationSpec } from '../operation';
import { named } from '../schemas/registry';

export const openApiDocumentSchema = named(
  'OpenApiDocument',
  z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
);

export const getOpenApiDocument = defineOperation({
  operationId: 'getOpenApiDocument',
  method: 'get',
  path: '/openapi.json',
  tag: 'Meta',
  summary: 'This document',
  auth: 'public',
  responses: { 200: { description: 'The OpenAPI 3.1 document of /api/v1', schema: openApiDocumentSchema } },
});

export function openApiRouter(deps: { operations: readonly OperationSpec[]; version: string }): Router {
  const router = Router();
  const document = buildOpenApiDocument(deps.operations, { version: deps.version });
  mount(router, getOpenApiDocument, async () => ({ status: 200, body: document }));
  return router;
}
