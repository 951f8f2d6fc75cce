// Fault injection per Web API method: the next N calls rate-limited, every call slowed, the
// next N calls failing with a given error. "*" applies to every method.

export interface RateLimitOptions {
  /** How many calls answer 429 (default 1). */
  times?: number;
  /** Retry-After in whole seconds (default 1). */
  retryAfterSec?: number;
}

export interface FailOptions {
  /** How many calls fail (default 1). */
  times?: number;
  /** Extra fields for the error body (e.g. `needed` for missing_scope). */
  extra?: Record<string, unknown>;
}

interface Countdown<T> {
  remaining: number;
  value: T;
}

export const ANY_METHOD = '*';

export class Knobs {
  private readonly rateLimits = new Map<string, Countdown<number>>();
  private readonly delays = new Map<string, number>();
  private readonly failures = new Map<string, Countdown<{ error: string; extra: Record<string, unknown> }>>();

  rateLimit(method: string, options: RateLimitOptions = {}): void {
    this.rateLimits.set(method, { remaining: options.times ?? 1, value: options.retryAfterSec ?? 1 });
  }

  /** Delays every call to `method` by `ms` (0 removes the delay). */
  delay(method: string, ms: number): void {
    if (ms <= 0) this.delays.delete(method);
    else this.delays.set(method, ms);
  }

  failNext(method: string, error: string, options: FailOptions = {}): void {
    this.failures.set(method, { remaining: options.times ?? 1, value: { error, extra: options.extra ?? {} } });
  }

  reset(): void {
    this.rateLimits.clear();
    this.delays.clear();
    this.failures.clear();
  }

  delayFor(method: string): number {
    return this.delays.get(method) ?? this.delays.get(ANY_METHOD) ?? 0;
  }

  /** Retry-After seconds if this call is rate-limited (consuming one of the N). */
  takeRateLimit(method: string): number | undefined {
    return take(this.rateLimits, method);
  }

  /** The injected failure for this call, if any (consuming one of the N). */
  takeFailure(method: string): { error: string; extra: Record<string, unknown> } | undefined {
    return take(this.failures, method);
  }
}

function take<T>(map: Map<string, Countdown<T>>, method: string): T | undefined {
  const key = map.has(method) ? method : map.has(ANY_METHOD) ? ANY_METHOD : undefined;
  if (key === undefined) return undefined;
  const countdown = map.get(key);
  if (!countdown) return undefined;
  countdown.remaining -= 1;
  if (countdown.remaining <= 0) map.delete(key);
  return countdown.value;
}
