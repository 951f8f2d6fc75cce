// Every Web API call the simulator answered, for assertions ("the app published the Home
// tab once", "it retried after the 429").
import { Waiters } from './waiters';

export type Params = Record<string, unknown>;

export interface ApiCall {
  method: string;
  /** Query and body parameters merged (JSON bodies keep their types; form values are strings). */
  params: Params;
  /** The token used (Authorization header, else the `token` parameter). */
  token: string | undefined;
  at: Date;
  httpMethod: string;
  /** HTTP status answered; 0 while the call is still being answered (e.g. under a delay). */
  status: number;
  /** The JSON body answered. */
  response: Record<string, unknown> | undefined;
}

/** The default time a wait* helper waits before rejecting. */
export const DEFAULT_WAIT_MS = 5_000;

export class CallLog {
  readonly calls: ApiCall[] = [];
  private readonly waiters = new Waiters<ApiCall>();

  /** Logs a call as it arrives. */
  start(call: Omit<ApiCall, 'status' | 'response'>): ApiCall {
    const entry: ApiCall = { ...call, status: 0, response: undefined };
    this.calls.push(entry);
    return entry;
  }

  /** Records the answer; waiters see a call only once it is answered, so its effects are visible. */
  finish(call: ApiCall, status: number, response: Record<string, unknown>): void {
    call.status = status;
    call.response = response;
    this.waiters.notify(call);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The first answered call to `method` matching `predicate`, already made or still to come. */
  waitFor(method: string, predicate: (call: ApiCall) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<ApiCall> {
    const matches = (call: ApiCall): boolean => call.method === method && call.status !== 0 && predicate(call);
    const existing = this.calls.find(matches);
    if (existing) return Promise.resolve(existing);
    return this.waiters.wait(matches, timeoutMs, `a call to ${method}`);
  }

  clear(): void {
    this.calls.length = 0;
  }

  close(): void {
    this.waiters.rejectAll(new Error('Slack simulator closed'));
  }
}
