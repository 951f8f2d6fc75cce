// Helpers for the API integration tests: JSON requests to the running app, valid activities
// of every external type, and a check that a response is one the OpenAPI document promises.
import { expect } from 'vitest';
import { activityRegistry } from '../../../src/activities';
import { documentedResponses } from '../../../src/api/openapi/document';
import type { OperationSpec } from '../../../src/api/operation';
import type { Harness } from '../../support/app-harness';
import { storedExample } from '../../unit/activities/stored-examples';

export const EXTERNAL_TYPES = activityRegistry
  .list()
  .filter((d) => d.source === 'external')
  .map((d) => d.type);
export const SLACK_TYPES = activityRegistry
  .list()
  .filter((d) => d.source !== 'external')
  .map((d) => d.type);

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = any>(h: Harness, method: string, path: string, options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
  const response = await h.api(`/api/v1${path}`, {
    method,
    ...(options.token !== undefined ? { token: options.token } : {}),
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json');
  return { status: response.status, headers: response.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
}

export const post = <T = any>(h: Harness, path: string, body: unknown, options: { token?: string | null; headers?: Record<string, string> } = {}) =>
  call<T>(h, 'POST', path, { ...options, body });
export const get = <T = any>(h: Harness, path: string, options: { token?: string | null } = {}) => call<T>(h, 'GET', path, options);

/** A valid ingest item of a type, from its stored example, recipient set when the type takes one. */
export function validItem(type: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const definition = activityRegistry.get(type);
  return {
    type,
    occurred_at: '2024-03-01T12:00:00Z',
    initiator: { email: 'dana@example.com', name: 'Dana' },
    ...(definition.recipient.kind !== 'none' ? { recipient: { external_id: 'crm-42', name: 'Rui' } } : {}),
    metadata: storedExample(type, definition.versions.length),
    ...overrides,
  };
}

/** Asserts a response is documented for the operation: its status, and its body's schema. */
export function expectDocumented(operation: OperationSpec, result: ApiResult): void {
  const responses = documentedResponses(operation);
  const spec = responses[result.status];
  expect(spec, `${operation.operationId} answered ${result.status}, which its OpenAPI entry does not document`).toBeDefined();
  if (spec?.schema) {
    const parsed = spec.schema.safeParse(result.body);
    expect(parsed.success, `${operation.operationId} ${result.status} body does not match its schema: ${parsed.error?.message}`).toBe(true);
  }
}

export async function activityCount(h: Harness, workspaceId: string): Promise<number> {
  return h.app.store.activityReads.count({ workspaceId });
}
