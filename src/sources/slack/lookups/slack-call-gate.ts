// Whether a Web API call may go out now, per workspace and method, so that Slack being
// rate-limited, slow or unreachable costs a handful of calls and never holds an event's ack.
//
// - After a 429 with Retry-After N, no call of that method for that workspace goes out for N
//   seconds; then one call (a probe) goes out alone, and if Slack answers 429 again the wait
//   doubles (at least Retry-After each time). A network error (refused, reset, timed out) or
//   an HTTP 5xx backs off the same way from 1 s. Any answer from Slack reopens the gate.
// - At most MAX_IN_FLIGHT calls per method and workspace are in flight at once, so a burst of
//   cold lookups cannot send hundreds of calls into a storm before the first 429 comes back.
// - A call unanswered after SLOW_CALL_MS marks the workspace's Slack as slow: events (callers
//   with `failFast`) stop waiting at once, and later ones do not ask, until a call is answered
//   within SLOW_CALL_MS again. Other callers keep waiting as their patience allows; the
//   background ones are what notices Slack is fast again. Events do not wait for a backoff
//   either: while Slack rate-limits a method or cannot be reached, they record IDs at once.
//
// The gate never waits inside a call: waiting is done by each caller, as its own Patience
// allows (an event's deadline, the label filler's stop signal), so a lookup that one event
// started and another joined bounds neither by the other's patience.
import { ErrorCode } from '@slack/web-api';
import type { Logger } from '../../../logger';
import type { Deadline } from './deadline';

/** How long a caller may wait for Slack. */
export interface Patience {
  /** Give up at this deadline, and at once when the gate cannot open before it. */
  deadline?: Deadline;
  /**
   * For an event whose ack waits, and for best-effort refreshes: do not wait for the gate to
   * reopen after a 429 or a network error, nor ask while Slack is slow for the workspace; and
   * stop waiting when it turns slow. (A call Slack is answering is still waited for.)
   */
  failFast?: boolean;
  /** Background: wait as long as it takes (backoffs included), until aborted. */
  signal?: AbortSignal;
  // Neither: one try if the gate is open now, no waiting for it.
}

/** Calls in flight at once per method and workspace. */
export const MAX_IN_FLIGHT = 8;
/** A call unanswered for this long means Slack is slow for the workspace (see above). */
export const SLOW_CALL_MS = 1_000;
/** The first wait after a network error or 5xx (doubling while it lasts). */
const NETWORK_BACKOFF_MS = 1_000;
/** Doubling stops here (a longer Retry-After is still honoured). */
const MAX_BACKOFF_MS = 30_000;

/** Thrown by `call` when the gate does not let a call out now; `ask` waits and tries again. */
export class SlackCallRefused extends Error {
  readonly code = 'slack_call_refused';
  constructor(
    readonly method: string,
    readonly reason: 'backing_off' | 'probing' | 'busy',
  ) {
    super(`${method} not called: ${reason === 'backing_off' ? 'Slack asked us to wait' : reason === 'probing' ? 'waiting for the call that checks Slack is back' : 'too many calls in flight'}`);
  }
}

export type Answer<T> = { ok: true; value: T } | { ok: false; error?: unknown };

type Failure = 'rate_limited' | 'unreachable' | 'answered';

/** What a failed call says about Slack: rate-limited, not reached (network, 5xx), or it answered. */
function failureOf(error: unknown): { kind: Failure; retryAfterMs?: number } {
  const e = error as { code?: unknown; retryAfter?: unknown } | null;
  if (e?.code === ErrorCode.RateLimitedError) {
    return { kind: 'rate_limited', retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : NETWORK_BACKOFF_MS };
  }
  if (e?.code === ErrorCode.RequestError || e?.code === ErrorCode.HTTPError) return { kind: 'unreachable' };
  return { kind: 'answered' };
}

/** Errors after which asking again later can help (the gate decides when). */
function isRetryable(error: unknown): boolean {
  return error instanceof SlackCallRefused || failureOf(error).kind !== 'answered';
}

/** Wakes everyone waiting for the next change; a waiter that gives up first removes itself. */
class Changes {
  private waiters = new Set<() => void>();
  next(): { promise: Promise<void>; cancel(): void } {
    let wake: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
      this.waiters.add(resolve);
    });
    return { promise, cancel: () => this.waiters.delete(wake) };
  }
  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }
}

interface MethodState {
  inFlight: number;
  /** Consecutive 429s / network errors (0: open). */
  failures: number;
  backoffMs: number;
  reopenAt: number;
  probing: boolean;
  /** A slot freed or a probe settled. */
  changed: Changes;
}

interface WorkspaceState {
  slow: boolean;
  becameSlow: Changes;
  /** When turning slow was last logged at warn level (a flapping Slack logs once a minute). */
  slowLoggedAt: number;
}

/** At most one warn line a minute about Slack turning slow, per workspace. */
const SLOW_LOG_EVERY_MS = 60_000;

function sleep(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms));
    timer.unref?.();
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

export class SlackCallGate {
  private readonly methods = new Map<string, MethodState>();
  private readonly workspaces = new Map<string, WorkspaceState>();
  private readonly now: () => number;
  private readonly maxInFlight: number;
  private readonly slowCallMs: number;

  constructor(
    private readonly deps: { logger: Logger; now?: () => number; maxInFlight?: number; slowCallMs?: number },
  ) {
    this.now = deps.now ?? Date.now;
    this.maxInFlight = deps.maxInFlight ?? MAX_IN_FLIGHT;
    this.slowCallMs = deps.slowCallMs ?? SLOW_CALL_MS;
  }

  /**
   * Asks Slack through the gate: waits for it to open as `patience` allows, makes (or joins,
   * through `start`) the call, and tries again after a 429 or network error while patience
   * lasts. Never rejects: a failure or giving up is `{ ok: false }`.
   */
  async ask<T>(workspaceId: string, method: string, start: () => Promise<T>, patience: Patience): Promise<Answer<T>> {
    for (;;) {
      if (!(await this.whenOpen(workspaceId, method, patience))) return { ok: false };
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        const settled = await this.within(start(), workspaceId, patience);
        if (!settled) return { ok: false };
        outcome = { ok: true, value: settled.value };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (outcome.ok || !isRetryable(outcome.error)) return outcome;
      // Rate-limited, refused or unreachable: whenOpen decides whether (and how long) to wait.
    }
  }

  /**
   * Makes the call now, or throws SlackCallRefused when the gate is closed for it; records
   * what the answer says about Slack. Never waits itself.
   */
  async call<T>(workspaceId: string, method: string, fn: () => Promise<T>): Promise<T> {
    const s = this.method(workspaceId, method);
    if (this.now() < s.reopenAt) throw new SlackCallRefused(method, 'backing_off');
    if (s.probing) throw new SlackCallRefused(method, 'probing');
    if (s.inFlight >= this.maxInFlight) throw new SlackCallRefused(method, 'busy');
    const probe = s.failures > 0;
    if (probe) s.probing = true;
    s.inFlight++;
    const started = this.now();
    const slowTimer = setTimeout(() => this.markSlow(workspaceId, method), this.slowCallMs);
    slowTimer.unref?.();
    try {
      const result = await fn();
      this.reopen(s);
      return result;
    } catch (error) {
      const failure = failureOf(error);
      if (failure.kind === 'answered') this.reopen(s);
      else this.backOff(workspaceId, method, s, failure.kind, failure.retryAfterMs ?? NETWORK_BACKOFF_MS, probe);
      throw error;
    } finally {
      // Any outcome in time (a 429 and a refused connection too) says Slack is not slow; the
      // backoff above deals with the rest.
      if (this.now() - started < this.slowCallMs) this.markFast(workspaceId);
      clearTimeout(slowTimer);
      s.inFlight--;
      if (probe) s.probing = false;
      s.changed.notify();
    }
  }

  /** True while a call of this workspace has been unanswered for longer than SLOW_CALL_MS (see above). */
  isSlow(workspaceId: string): boolean {
    return this.workspace(workspaceId).slow;
  }

  /** When the next call of `method` may go out (0: now). */
  reopensAt(workspaceId: string, method: string): number {
    return this.method(workspaceId, method).reopenAt;
  }

  /** Waits until a call may go out now, as `patience` allows; false when it gives up. */
  async whenOpen(workspaceId: string, method: string, patience: Patience): Promise<boolean> {
    const { deadline, signal } = patience;
    // Only a deadline or a signal waits for the gate; failFast alone is one try, if open now.
    const waits = Boolean(deadline || signal);
    for (;;) {
      if (signal?.aborted) return false;
      if (deadline?.passed || (patience.failFast && this.isSlow(workspaceId))) return false;
      const s = this.method(workspaceId, method);
      const now = this.now();
      let until: { promise: Promise<void>; cancel(): void };
      if (now < s.reopenAt || s.probing) {
        // Backing off: an event does not wait for it (the probe after the wait fails as long as
        // the storm or outage lasts); others wait when the gate reopens before their deadline.
        if (!waits || patience.failFast || (deadline && deadline.isBefore(s.reopenAt))) return false;
        until = now < s.reopenAt ? sleep(s.reopenAt - now) : s.changed.next();
      } else if (s.inFlight >= this.maxInFlight) {
        // Busy with calls Slack is answering: worth waiting for a slot, as patience allows.
        if (!waits) return false;
        until = s.changed.next();
      } else {
        return true;
      }
      const settled = await this.within(until.promise, workspaceId, patience).finally(() => until.cancel());
      if (!settled) return false;
    }
  }

  /**
   * `promise`'s value, or undefined when patience ends first: the deadline passes, Slack turns
   * slow for the workspace (failFast), or the signal aborts. Rejects as `promise` does.
   */
  private async within<T>(promise: Promise<T>, workspaceId: string, patience: Patience): Promise<{ value: T } | undefined> {
    const { deadline, signal } = patience;
    if (!deadline && !signal && !patience.failFast) return { value: await promise };
    const stops: Promise<undefined>[] = [];
    const cleanups: (() => void)[] = [];
    if (deadline) {
      const reached = deadline.reached();
      cleanups.push(reached.cancel);
      stops.push(reached.promise.then(() => undefined));
    }
    if (patience.failFast) {
      const slow = this.workspace(workspaceId).becameSlow.next();
      cleanups.push(slow.cancel);
      stops.push(slow.promise.then(() => undefined));
    }
    if (signal) {
      if (signal.aborted) return undefined;
      stops.push(
        new Promise<undefined>((resolve) => {
          const onAbort = () => resolve(undefined);
          signal.addEventListener('abort', onAbort, { once: true });
          cleanups.push(() => signal.removeEventListener('abort', onAbort));
        }),
      );
    }
    try {
      return await Promise.race([promise.then((value) => ({ value })), ...stops]);
    } finally {
      for (const cleanup of cleanups) cleanup();
    }
  }

  /** Slack answered: the method's backoff is over. */
  private reopen(s: MethodState): void {
    s.failures = 0;
    s.backoffMs = 0;
    s.reopenAt = 0;
  }

  private markFast(workspaceId: string): void {
    const w = this.workspace(workspaceId);
    if (!w.slow) return;
    w.slow = false;
    this.deps.logger.debug({ workspaceId }, 'Slack answers in time again: events wait for lookups again');
  }

  private backOff(workspaceId: string, method: string, s: MethodState, kind: Failure, atLeastMs: number, probe: boolean): void {
    // Only the first failure and failed probes lengthen the wait: the other calls that were
    // in flight together with the first one say nothing new.
    if (s.failures === 0 || probe) {
      s.backoffMs = s.failures === 0 ? atLeastMs : Math.max(atLeastMs, Math.min(MAX_BACKOFF_MS, s.backoffMs * 2));
      s.failures++;
      const what = kind === 'rate_limited' ? 'rate-limited' : 'not reachable';
      this.deps.logger.warn(
        { workspaceId, method, waitMs: s.backoffMs, failures: s.failures },
        `Slack ${what} for ${method}: no ${method} calls for ${(s.backoffMs / 1000).toFixed(1)} s (labels are filled in later)`,
      );
    } else {
      s.backoffMs = Math.max(s.backoffMs, atLeastMs);
    }
    s.reopenAt = Math.max(s.reopenAt, this.now() + s.backoffMs);
  }

  private markSlow(workspaceId: string, method: string): void {
    const w = this.workspace(workspaceId);
    if (w.slow) return;
    w.slow = true;
    const now = this.now();
    const level = now - w.slowLoggedAt >= SLOW_LOG_EVERY_MS ? 'warn' : 'debug';
    if (level === 'warn') w.slowLoggedAt = now;
    this.deps.logger[level](
      { workspaceId, method, afterMs: this.slowCallMs },
      `Slack is slow (${method} unanswered after ${this.slowCallMs} ms): events record IDs without waiting for lookups until it answers in time; labels are filled in later`,
    );
    w.becameSlow.notify();
  }

  private method(workspaceId: string, method: string): MethodState {
    const key = `${workspaceId}:${method}`;
    let s = this.methods.get(key);
    if (!s) {
      s = { inFlight: 0, failures: 0, backoffMs: 0, reopenAt: 0, probing: false, changed: new Changes() };
      this.methods.set(key, s);
    }
    return s;
  }

  private workspace(workspaceId: string): WorkspaceState {
    let w = this.workspaces.get(workspaceId);
    if (!w) {
      w = { slow: false, becameSlow: new Changes(), slowLoggedAt: -Infinity };
      this.workspaces.set(workspaceId, w);
    }
    return w;
  }
}
