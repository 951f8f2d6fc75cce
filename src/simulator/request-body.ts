// Reading a request body and turning it into Web API arguments. Slack takes arguments from
// the query string, a form-encoded body or a JSON body; a JSON body's `token` never
// authenticates (Slack requires the Authorization header with JSON).
import type { IncomingMessage } from 'node:http';
import type { Params } from './call-log';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The whole body as UTF-8 (bodies above 5 MB are cut off and rejected by the caller's parse). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type BodyKind = 'none' | 'form' | 'json';

export type ParsedArguments =
  | { ok: true; params: Params; bodyKind: BodyKind; /** The token given as an argument (query or form), if any. */ tokenParam: string | undefined }
  | { ok: false; error: 'invalid_json' };

function fromSearchParams(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of search) params[key] = value;
  return params;
}

/** Merges query-string and body arguments; body wins on conflicts. */
export function parseArguments(query: URLSearchParams, contentType: string | undefined, rawBody: string): ParsedArguments {
  const queryParams = fromSearchParams(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const queryToken = typeof queryParams.token === 'string' ? queryParams.token : undefined;
  if (rawBody.trim() === '') return { ok: true, params: queryParams, bodyKind: 'none', tokenParam: queryToken };
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, error: 'invalid_json' };
    return { ok: true, params: { ...queryParams, ...(parsed as Params) }, bodyKind: 'json', tokenParam: queryToken };
  }
  // Slack reads anything else as form-encoded, which is also what it documents as the default.
  const formParams = fromSearchParams(new URLSearchParams(rawBody));
  const formToken = typeof formParams.token === 'string' ? formParams.token : undefined;
  return { ok: true, params: { ...queryParams, ...formParams }, bodyKind: 'form', tokenParam: formToken ?? queryToken };
}
