// One Web API request: log it, apply injected faults, authenticate, dispatch to the method,
// answer with Slack's status codes and headers (HTTP 200 even for errors, 429 + Retry-After
// when rate-limited).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog } from './call-log';
import type { Knobs } from './knobs';
import { METHODS } from './methods';
import type { ApiBody, MethodSpec } from './methods/types';
import { fail } from './methods/types';
import { parseArguments, readBody } from './request-body';
import type { TokenRecord, WorkspaceState } from './state';
import { sleep } from './waiters';

export interface ApiHandlerDeps {
  state: WorkspaceState;
  log: CallLog;
  knobs: Knobs;
  baseUrl(): string;
  openSocketUrl(appId: string): string;
}

function sendJson(res: ServerResponse, status: number, body: ApiBody, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-slack-req-id': randomBytes(16).toString('hex'),
    ...headers,
  });
  res.end(text);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

type AuthResult = { ok: true; token: TokenRecord } | { ok: false; body: ApiBody };

function authenticate(state: WorkspaceState, spec: MethodSpec, headerToken: string | undefined, paramToken: string | undefined): AuthResult {
  const usable = spec.tokens === 'app' && spec.headerTokenOnly ? headerToken : (headerToken ?? paramToken);
  if (!usable) return { ok: false, body: fail('not_authed') };
  const token = state.token(usable);
  if (!token) return { ok: false, body: fail('invalid_auth') };
  if (token.kind !== spec.tokens) return { ok: false, body: fail('not_allowed_token_type') };
  if (token.kind === 'bot' && token.expiresAt !== undefined && token.expiresAt <= Date.now()) return { ok: false, body: fail('token_expired') };
  const granted = token.scopes;
  if (granted && spec.scopes.length > 0 && !spec.scopes.some((scope) => granted.includes(scope))) {
    return { ok: false, body: fail('missing_scope', { needed: spec.scopes.join(','), provided: granted.join(',') }) };
  }
  return { ok: true, token };
}

/** Client id and secret from an `Authorization: Basic …` header. */
function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function dispatch(deps: ApiHandlerDeps, spec: MethodSpec, token: TokenRecord, params: Record<string, unknown>): ApiBody {
  const base = { state: deps.state, params, baseUrl: deps.baseUrl(), openSocketUrl: deps.openSocketUrl };
  if (spec.tokens === 'bot' && token.kind === 'bot') return spec.handle({ ...base, token });
  if (spec.tokens === 'app' && token.kind === 'app') return spec.handle({ ...base, token });
  return fail('not_allowed_token_type');
}

/** Answers POST/GET /api/<method>. */
export async function handleApiRequest(deps: ApiHandlerDeps, req: IncomingMessage, res: ServerResponse, method: string, query: URLSearchParams): Promise<void> {
  const raw = await readBody(req);
  const parsed = parseArguments(query, req.headers['content-type'], raw);
  const headerToken = bearerToken(req);
  const params = parsed.ok ? parsed.params : {};
  const call = deps.log.start({ method, params, token: headerToken ?? (parsed.ok ? parsed.tokenParam : undefined), at: new Date(), httpMethod: req.method ?? 'POST' });
  const answer = (status: number, body: ApiBody, headers: Record<string, string> = {}): void => {
    sendJson(res, status, body, headers);
    deps.log.finish(call, status, body);
  };

  const delay = deps.knobs.delayFor(method);
  if (delay > 0) await sleep(delay);
  const retryAfter = deps.knobs.takeRateLimit(method);
  if (retryAfter !== undefined) return answer(429, fail('ratelimited'), { 'retry-after': String(retryAfter) });
  const injected = deps.knobs.takeFailure(method);
  if (injected) return answer(200, fail(injected.error, injected.extra));

  const spec = METHODS.get(method);
  if (!spec) return answer(200, fail('unknown_method', { req_method: method }));
  if (!parsed.ok) return answer(200, fail(parsed.error));
  if (spec.tokens === 'none') {
    const base = { state: deps.state, params: parsed.params, baseUrl: deps.baseUrl(), openSocketUrl: deps.openSocketUrl, token: undefined };
    return answer(200, spec.handle({ ...base, basic: basicCredentials(req) }));
  }
  const auth = authenticate(deps.state, spec, headerToken, parsed.tokenParam);
  const scopeHeaders: Record<string, string> = spec.scopes.length > 0 ? { 'x-accepted-oauth-scopes': spec.scopes.join(',') } : {};
  if (!auth.ok) return answer(200, auth.body, scopeHeaders);
  if (auth.token.scopes) scopeHeaders['x-oauth-scopes'] = auth.token.scopes.join(',');
  try {
    return answer(200, dispatch(deps, spec, auth.token, parsed.params), scopeHeaders);
  } catch (error) {
    // A simulator bug, not a Slack behaviour: fail loudly with a non-200 so the client throws.
    return answer(500, fail('simulator_error', { detail: error instanceof Error ? error.message : String(error) }));
  }
}
