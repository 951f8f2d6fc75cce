// One table of the API: each operation declares its method, path, scopes and the zod schemas
// of its input and responses. The router mounts handlers from these declarations (validating
// input with the schemas) and the OpenAPI document is generated from the same declarations,
// so a route cannot exist without being documented, nor be documented differently.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { principalOf, requireScopes } from './auth';
import type { IdempotencyGuard } from './idempotency';
import type { ApiScope, Principal } from './principal';
import { parseOr400, type ExtraCheck } from './validate';

export type HttpMethod = 'get' | 'post';

export interface ResponseSpec {
  description: string;
  /** Schema of a JSON body. */
  schema?: z.ZodType;
  /** Other media types (exports): type → JSON Schema of the body, or of each line. */
  media?: Record<string, { schema: Record<string, unknown>; description?: string }>;
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
}

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template under /api/v1, e.g. "/members/{id}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** "public": no key needed. Otherwise the scopes a key must hold ([] = any valid key). */
  auth: 'public' | readonly ApiScope[];
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The handler checks the body itself (to report every problem, not just the envelope's). */
  bodyCheckedByHandler?: boolean;
  /** Accepts an Idempotency-Key header. */
  idempotent?: boolean;
  responses: Record<number, ResponseSpec>;
}

/** Declares an operation, keeping its literal types for typed handlers. */
export function defineOperation<const O extends OperationSpec>(operation: O): O {
  return operation;
}

/** Express's form of an OpenAPI path template ("/members/{id}" → "/members/:id"). */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface OperationContext<O extends OperationSpec> {
  req: Request;
  res: Response;
  principal: Principal;
  params: Parsed<O['params']>;
  query: Parsed<O['query']>;
  /** The parsed body, or the raw one when the handler checks it itself. */
  body: O['bodyCheckedByHandler'] extends true ? unknown : Parsed<O['body']>;
}

/** A JSON answer: status, body and any extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a route adds when it mounts an operation. */
export interface MountOptions {
  idempotency?: IdempotencyGuard;
  /**
   * Checks of the raw query that its schema cannot make (they need the registry), reported in
   * the same 400 as the schema's problems.
   */
  checkQuery?: ExtraCheck;
}

function parseInput<O extends OperationSpec>(operation: O, req: Request, res: Response, options: MountOptions): OperationContext<O> {
  return {
    req,
    res,
    principal: operation.auth === 'public' ? { workspaceId: '', scopes: [], keyId: 'public' } : principalOf(res),
    params: (operation.params ? parseOr400(operation.params, req.params, 'path') : undefined) as Parsed<O['params']>,
    query: (operation.query ? parseOr400(operation.query, req.query, 'query', options.checkQuery) : undefined) as Parsed<O['query']>,
    body: (operation.body && !operation.bodyCheckedByHandler ? parseOr400(operation.body, req.body, 'body') : req.body) as OperationContext<O>['body'],
  };
}

function guards(operation: OperationSpec): RequestHandler[] {
  return operation.auth === 'public' || operation.auth.length === 0 ? [] : [requireScopes(operation.auth)];
}

function send(res: Response, reply: Reply): void {
  if (reply.headers) res.set(reply.headers);
  res.status(reply.status).json(reply.body);
}

/**
 * Mounts an operation whose handler answers JSON. An idempotent operation runs through the
 * Idempotency-Key guard, so a retry replays the first answer.
 */
export function mount<O extends OperationSpec>(
  router: Router,
  operation: O,
  handle: (ctx: OperationContext<O>) => Promise<Reply>,
  options: MountOptions = {},
): void {
  const { idempotency } = options;
  if (operation.idempotent && !idempotency) throw new Error(`${operation.operationId} is idempotent: mount it with an IdempotencyGuard`);
  router[operation.method](expressPath(operation.path), ...guards(operation), async (req: Request, res: Response) => {
    if (operation.idempotent && idempotency) {
      send(res, await idempotency.run(req, principalOf(res), () => handle(parseInput(operation, req, res, options))));
    } else {
      send(res, await handle(parseInput(operation, req, res, options)));
    }
  });
}

/** Mounts an operation whose handler writes the response itself (streams). */
export function mountStream<O extends OperationSpec>(
  router: Router,
  operation: O,
  handle: (ctx: OperationContext<O>) => Promise<void>,
  options: Pick<MountOptions, 'checkQuery'> = {},
): void {
  router[operation.method](expressPath(operation.path), ...guards(operation), async (req: Request, res: Response) => {
    await handle(parseInput(operation, req, res, options));
  });
}
