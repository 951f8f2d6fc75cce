// The contract between the HTTP layer and one Web API method.
import type { Params } from '../call-log';
import type { AppToken, BotToken, WorkspaceState } from '../state';

/** A JSON response body: `{ ok: true, … }` or `{ ok: false, error, … }`. */
export type ApiBody = Record<string, unknown>;

export interface MethodContext<T> {
  state: WorkspaceState;
  params: Params;
  token: T;
  /** The simulator's base URL, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** Issues a Socket Mode WebSocket URL for `appId`. */
  openSocketUrl(appId: string): string;
}

/** Client credentials sent with HTTP Basic authentication (oauth.v2.access prefers them). */
export interface BasicCredentials {
  id: string;
  secret: string;
}

export type MethodSpec =
  | { tokens: 'bot'; scopes: readonly string[]; handle(ctx: MethodContext<BotToken>): ApiBody }
  /** No token: the app authenticates with its client id and secret (oauth.v2.access). */
  | { tokens: 'none'; scopes: readonly string[]; handle(ctx: MethodContext<undefined> & { basic: BasicCredentials | undefined }): ApiBody }
  | {
      tokens: 'app';
      scopes: readonly string[];
      /** Slack refuses app-level tokens sent as a POST parameter for these methods. */
      headerTokenOnly: boolean;
      handle(ctx: MethodContext<AppToken>): ApiBody;
    };

/** A failed call: `{ ok: false, error, …extra }`, still HTTP 200 as Slack answers. */
export function fail(error: string, extra: Record<string, unknown> = {}): ApiBody {
  return { ok: false, error, ...extra };
}
